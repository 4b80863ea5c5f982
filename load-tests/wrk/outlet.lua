-- wrk script (quick-check.sh): outlets of 500 users per wrk thread, each a new message id, usage reported (the
-- common case), so every request is a new charge. API_KEY comes from the environment.
local counter = 0
local thread_id = 0
function setup(thread) thread:set("tid", thread_id); thread_id = thread_id + 1 end
request = function()
  counter = counter + 1
  local user = "u" .. tid .. "-" .. (counter % 500)
  local body = '{"user":{"id":"' .. user .. '","name":"Load ' .. user .. '"},"body":{"model":"gpt-4o","chat_id":"c-' .. user ..
    '","id":"m-' .. tid .. '-' .. counter .. '-' .. math.random(1e9) .. '","messages":[{"role":"user","content":"Tell me a story about a dragon and a knight please"},' ..
    '{"role":"assistant","content":"Once upon a time there was a dragon who lived in a cave near the sea and a knight who wanted to meet him.","usage":{"prompt_tokens":120,"completion_tokens":300}}]}}'
  return wrk.format("POST", "/api/v1/outlet", {["Content-Type"]="application/json", ["Authorization"]="Bearer " .. os.getenv("API_KEY")}, body)
end
