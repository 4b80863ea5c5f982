-- wrk script of quick-check.sh. WRK_MODE=outlet: outlets of 500 users per wrk thread, each a new message id with
-- usage reported (the common case), so every request is a new charge. WRK_MODE=inlet: inlets of the same users,
-- with the chat and message ids OpenWebUI puts in the metadata. API_KEY comes from the environment.
-- Users stay the same from run to run; every message id carries the run's start time. Without it a run would
-- send the ids of the run before (the same counters, and math.random starts from the same seed), and billing
-- would answer them as repeats, without the charge a benchmark means to measure.
local mode = os.getenv("WRK_MODE") or "outlet"
local counter = 0
local thread_id = 0
local run_id = os.time()
function setup(thread)
  thread:set("tid", thread_id)
  thread:set("run", run_id)
  thread_id = thread_id + 1
end

local function outlet(user)
  return '{"user":{"id":"' .. user .. '","name":"Load ' .. user .. '"},"body":{"model":"gpt-4o","chat_id":"c-' .. user ..
    '","id":"m-' .. run .. '-' .. tid .. '-' .. counter .. '","messages":[{"role":"user","content":"Tell me a story about a dragon and a knight please"},' ..
    '{"role":"assistant","content":"Once upon a time there was a dragon who lived in a cave near the sea and a knight who wanted to meet him.","usage":{"prompt_tokens":120,"completion_tokens":300}}]}}'
end

local function inlet(user)
  return '{"user":{"id":"' .. user .. '","name":"Load ' .. user .. '"},"body":{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"metadata":{"chat_id":"c-' .. user .. '","message_id":"m-' .. run .. '-' .. tid .. '-' .. counter .. '"}}}'
end

request = function()
  counter = counter + 1
  local user = "u" .. tid .. "-" .. (counter % 500)
  local body = mode == "inlet" and inlet(user) or outlet(user)
  return wrk.format("POST", "/api/v1/" .. mode, {["Content-Type"]="application/json", ["Authorization"]="Bearer " .. os.getenv("API_KEY")}, body)
end
