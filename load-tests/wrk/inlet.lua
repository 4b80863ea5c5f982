-- wrk script (quick-check.sh): inlets of 500 users per wrk thread, with the chat and message ids that OpenWebUI
-- puts in the metadata. API_KEY comes from the environment.
local counter = 0
local thread_id = 0
function setup(thread) thread:set("tid", thread_id); thread_id = thread_id + 1 end
request = function()
  counter = counter + 1
  local user = "u" .. tid .. "-" .. (counter % 500)
  local body = '{"user":{"id":"' .. user .. '","name":"Load ' .. user .. '"},"body":{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"metadata":{"chat_id":"c-' .. user .. '","message_id":"m-' .. counter .. '"}}}'
  return wrk.format("POST", "/api/v1/inlet", {["Content-Type"]="application/json", ["Authorization"]="Bearer " .. os.getenv("API_KEY")}, body)
end
