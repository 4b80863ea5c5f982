"""The function as OpenWebUI runs it, against the real gateway."""

import asyncio
import json
import logging
import re
import time

import pytest
from pydantic import BaseModel

from conftest import Chat, Events, call_handler

STATUS = re.compile(
    r"^Tokens: (?P<input>\d+)\+(?P<output>\d+) \| Cost: \$(?P<cost>-?\d+\.\d{4}) \| Balance: \$(?P<balance>-?\d+\.\d{4})"
    r"(?: \| Time: (?P<time>\d+\.\d{2})s \| (?P<speed>\d+\.\d{2}) T/s)?$")


def parse_status(description):
    match = STATUS.match(description)
    assert match, f"unexpected status line: {description!r}"
    return match


def test_a_reply_shows_tokens_cost_balance_time_and_speed_under_the_message(make_filter, new_user_id, admin):
    monitor = make_filter()
    chat = Chat(new_user_id)
    events = Events()

    returned = chat.inlet(monitor, events)
    balance_before = admin.balance(new_user_id)
    assert balance_before > 1, "the stack must give new users an INIT_BALANCE above 1"
    time.sleep(0.3)
    outlet_body = chat.outlet(monitor, events, prompt_tokens=1000, completion_tokens=1000)

    assert returned["model"] == chat.model
    assert outlet_body["id"] == chat.message_id
    status = events.last_status()
    assert status["done"] is True
    line = parse_status(status["description"])
    # Default prices: 60 USD per million tokens each way, so 1000 + 1000 tokens cost 0.12.
    assert (line["input"], line["output"], line["cost"]) == ("1000", "1000", "0.1200")
    assert float(line["balance"]) == pytest.approx(balance_before - 0.12, abs=1e-4)
    assert admin.balance(new_user_id) == pytest.approx(balance_before - 0.12, abs=1e-9)
    assert line["time"] is not None, "time and speed are shown when inlet and outlet share chat and message id"
    assert float(line["time"]) >= 0.3
    assert float(line["speed"]) == pytest.approx(1000 / float(line["time"]), rel=0.02)
    assert all(e["data"]["done"] is True for e in events.events if e["type"] == "status")
    assert events.notifications() == [], "no low-balance warning above the threshold"


def test_switches_hide_parts_of_the_status_line_and_language_changes_it(make_filter, new_user_id):
    # One instance throughout, as in OpenWebUI, which keeps the module and assigns fresh valves before each call.
    monitor = make_filter()
    chat = Chat(new_user_id)
    chat.inlet(monitor)
    monitor.valves = monitor.Valves(**dict(dict(monitor.valves), show_cost=False, show_time_spent=False,
                                           show_tokens_per_sec=False))
    events = Events()
    chat.outlet(monitor, events)
    assert re.fullmatch(r"Tokens: 1000\+1000 \| Balance: \$\d+\.\d{4}", events.last_status()["description"])

    monitor = make_filter()
    other = Chat(new_user_id)
    other.inlet(monitor)
    monitor.valves = monitor.Valves(**dict(dict(monitor.valves), language="es"))
    events = Events()
    other.outlet(monitor, events)
    assert re.fullmatch(r"Tokens: 1000\+1000 \| Costo: \$0\.1200 \| Saldo: \$\d+\.\d{4} \| Tiempo: "
                        r"\d+\.\d{2}s \| \d+\.\d{2} T/s", events.last_status()["description"])


def test_the_same_outlet_sent_again_is_charged_once(make_filter, new_user_id, admin):
    monitor = make_filter()
    chat = Chat(new_user_id)
    chat.inlet(monitor)
    first, second = Events(), Events()
    chat.outlet(monitor, first)
    chat.outlet(monitor, second)
    balance_after_first = parse_status(first.last_status()["description"])["balance"]
    assert parse_status(second.last_status()["description"])["balance"] == balance_after_first
    assert admin.balance(new_user_id) == pytest.approx(float(balance_after_first), abs=1e-4)


def test_ids_given_as_newer_openwebui_arguments_make_the_charge_idempotent(make_filter, new_user_id, admin):
    """Newer OpenWebUI versions pass __chat_id__ and __message_id__; the body then needs no ids of its own."""
    monitor = make_filter()
    chat = Chat(new_user_id)
    chat.inlet(monitor)
    start = admin.balance(new_user_id)
    body = chat.outlet_body()
    for key in ("chat_id", "id", "session_id"):
        del body[key]
    for _ in range(2):
        call_handler(monitor.outlet, dict(body), user=chat.user, metadata={}, chat_id=chat.chat_id,
                     message_id=chat.message_id)
    # The same reply with the ids in the body (as OpenWebUI 0.5 sends it) is the same charge.
    call_handler(monitor.outlet, chat.outlet_body(), user=chat.user, metadata={})
    assert admin.balance(new_user_id) == pytest.approx(start - 0.12, abs=1e-9)


def test_a_chat_is_refused_with_a_clear_message_at_zero_balance(make_filter, new_user_id, admin):
    monitor = make_filter()
    Chat(new_user_id).inlet(monitor)  # the user now exists in billing
    admin.set_balance(new_user_id, 0)

    with pytest.raises(Exception, match=r"^Insufficient balance: current balance \$0\.0000\. "):
        Chat(new_user_id).inlet(monitor)
    with pytest.raises(Exception, match=r"^余额不足: 当前余额 ¥0\.0000"):
        Chat(new_user_id).inlet(make_filter(language="zh"))

    admin.set_balance(new_user_id, 3)
    assert Chat(new_user_id).inlet(monitor)["model"] == "gpt-4o"


def test_a_chat_over_the_plan_s_message_limit_is_refused_naming_the_limit_and_its_renewal(make_filter, new_user_id,
                                                                                          admin):
    monitor = make_filter()
    Chat(new_user_id).inlet(monitor)  # the user now exists in billing
    plan = "two-a-day-" + new_user_id[-8:]
    admin.put(f"/api/v1/plans/{plan}", {"amount": 0, "period": "month", "mode": "add", "timezone": "Asia/Shanghai",
                                        "messageLimit": {"count": 2, "window": "day"}})
    admin.put(f"/api/v1/users/{new_user_id}/plan", {"plan": plan})

    Chat(new_user_id).inlet(monitor)
    Chat(new_user_id).inlet(monitor)
    with pytest.raises(Exception, match=r"^Daily limit of 2 chats reached; renews at \d{4}-\d{2}-\d{2} 00:00 "
                                        r"Asia/Shanghai\. Please wait"):
        Chat(new_user_id).inlet(monitor)
    with pytest.raises(Exception, match=r"^已达到使用上限（Daily limit of 2 chats"):
        Chat(new_user_id).inlet(make_filter(language="zh"))

    admin.put(f"/api/v1/users/{new_user_id}/plan", {"plan": None})
    assert Chat(new_user_id).inlet(monitor)["model"] == "gpt-4o"


def test_a_reply_that_overdraws_warns_and_the_next_chat_is_refused(make_filter, new_user_id):
    monitor = make_filter(low_balance_warning=1.0)
    chat = Chat(new_user_id)
    chat.inlet(monitor)
    events = Events()
    # 200 000 tokens at 60 USD per million cost 12, more than the initial balance of the test stack.
    chat.outlet(monitor, events, prompt_tokens=100000, completion_tokens=100000)

    balance = float(parse_status(events.last_status()["description"])["balance"])
    assert balance <= 0
    assert events.notifications() == [{"type": "warning", "content": f"Low balance: ${balance:.4f} left."}]
    with pytest.raises(Exception, match=r"^Insufficient balance: current balance \$-?\d+\.\d{4}"):
        Chat(new_user_id).inlet(monitor)


@pytest.mark.parametrize("port_fixture", ["closed_port", "silent_port"])
def test_fail_open_lets_the_chat_through_with_a_warning_when_the_monitor_is_down(make_filter, new_user_id,
                                                                                port_fixture, request):
    port = request.getfixturevalue(port_fixture)
    monitor = make_filter(api_endpoint=f"http://127.0.0.1:{port}", fail_open=True, timeout_seconds=1)
    chat = Chat(new_user_id)
    events = Events()

    started = time.monotonic()
    assert chat.inlet(monitor, events) == chat.inlet_body()
    assert time.monotonic() - started < 5, "the timeout valve bounds the wait"
    status = events.last_status()
    assert status["done"] is True
    assert status["description"].startswith("Usage monitor unreachable (")
    assert "without a balance check" in status["description"]

    assert chat.outlet(monitor, events) == chat.outlet_body()
    assert events.last_status()["description"].endswith("this reply was not charged")
    assert events.last_status()["done"] is True


def test_fail_closed_refuses_the_chat_with_a_clear_message_when_the_monitor_is_down(make_filter, new_user_id,
                                                                                   closed_port):
    monitor = make_filter(api_endpoint=f"http://127.0.0.1:{closed_port}", fail_open=False)
    events = Events()
    with pytest.raises(Exception, match=r"^The usage monitor cannot be reached \(.+\), so chats are paused\. "
                                        r"Please tell the administrator\.$"):
        Chat(new_user_id).inlet(monitor, events)
    assert events.events == []
    assert len(monitor.start_times) == 0, "a refused chat leaves no start time behind"


def test_a_wrong_key_is_reported_as_such(make_filter, new_user_id):
    with pytest.raises(Exception, match="refused the Api Key valve"):
        Chat(new_user_id).inlet(make_filter(api_key="not-the-key"))


def test_background_tasks_are_not_sent_to_the_monitor(make_filter, new_user_id, recording_proxy, closed_port):
    monitor = make_filter(api_endpoint=recording_proxy.url)
    for task in ("title_generation", "tags_generation", "follow_up_generation"):
        chat = Chat(new_user_id)
        events = Events()
        assert chat.inlet(monitor, events, task=task) == chat.inlet_body(task)
        body = chat.outlet_body()
        body["metadata"] = {"task": task}
        call_handler(monitor.outlet, body, user=chat.user, metadata=chat.metadata(task), emitter=events)
        assert events.events == []
    assert recording_proxy.requests == []

    # Even a monitor that is down and set to refuse is not asked: the task goes through.
    chat = Chat(new_user_id)
    refusing = make_filter(api_endpoint=f"http://127.0.0.1:{closed_port}", fail_open=False)
    assert chat.inlet(refusing, task="title_generation")["model"] == chat.model

    # The same proxy does record a user's chat, so the empty list above means something.
    Chat(new_user_id).inlet(monitor)
    assert [r["path"] for r in recording_proxy.requests] == ["/api/v1/inlet"]


class UserValves(BaseModel):
    """What OpenWebUI puts into __user__["valves"] for a function that declares UserValves."""
    show_details: bool = True
    personal_token: str = "valve-secret-4711"


class Attachment(BaseModel):
    name: str = "notes.txt"


def test_the_user_s_secrets_never_leave_openwebui_but_the_ids_do(make_filter, new_user_id, api_key,
                                                                   recording_proxy, caplog):
    monitor = make_filter(api_endpoint=recording_proxy.url)
    chat = Chat(new_user_id)
    user = dict(chat.user, api_key="sk-user-secret-0001", settings={"ui": {"token": "settings-secret-0002"}},
                oauth_sub="oidc@oauth-sub-secret-0003", info={"note": "info-secret-0004"}, valves=UserValves())
    events = Events()
    caplog.set_level(logging.DEBUG)

    chat.inlet(monitor, events, user=user)
    body = chat.outlet_body()
    body["messages"][0]["files"] = [Attachment()]  # a pydantic object where plain JSON is expected
    call_handler(monitor.outlet, body, user=user, metadata=chat.outlet_metadata(), emitter=events)

    parse_status(events.last_status()["description"])  # the gateway answered through the proxy
    assert [r["path"] for r in recording_proxy.requests] == ["/api/v1/inlet", "/api/v1/outlet"]
    secrets = ["sk-user-secret-0001", "settings-secret-0002", "oauth-sub-secret-0003", "info-secret-0004",
               "valve-secret-4711"]
    for request in recording_proxy.requests:
        wire = request["body"].decode("utf-8") + json.dumps(request["headers"])
        for secret in secrets:
            assert secret not in wire
        assert request["headers"]["Authorization"] == "Bearer " + api_key
        sent_user = json.loads(request["body"])["user"]
        assert sent_user == chat.user

    inlet, outlet = recording_proxy.bodies()
    assert {k: inlet["body"]["metadata"][k] for k in ("chat_id", "message_id", "session_id")} == {
        "chat_id": chat.chat_id, "message_id": chat.message_id, "session_id": chat.session_id}
    # Nothing else of OpenWebUI's metadata (prompt variables, the model definition) and no conversation at inlet.
    assert set(inlet["body"]) == {"model", "metadata"}
    assert set(inlet["body"]["metadata"]) == {"chat_id", "message_id", "session_id"}
    assert (outlet["body"]["chat_id"], outlet["body"]["id"], outlet["body"]["session_id"]) == (
        chat.chat_id, chat.message_id, chat.session_id)
    assert outlet["body"]["messages"][0]["files"] == [{"name": "notes.txt"}]

    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in secrets + [api_key]:
        assert secret not in logged


def test_each_chat_is_timed_from_its_own_inlet(make_filter, new_user_id):
    """One Filter instance serves everyone: a second user's inlet must not restart the first user's clock."""
    monitor = make_filter()
    first, second = Chat(new_user_id), Chat(new_user_id + "-b")
    first.inlet(monitor)
    time.sleep(1.0)
    second.inlet(monitor)
    time.sleep(1.0)
    first_events, second_events = Events(), Events()
    first.outlet(monitor, first_events)
    second.outlet(monitor, second_events)

    first_time = float(parse_status(first_events.last_status()["description"])["time"])
    second_time = float(parse_status(second_events.last_status()["description"])["time"])
    assert first_time >= 2.0
    assert 1.0 <= second_time < first_time - 0.5
    assert len(monitor.start_times) == 0, "an outlet takes its start time away"


def test_start_times_are_bounded_and_expire(function_module):
    times = function_module.StartTimes(max_entries=3, ttl_seconds=60)
    for i in range(5):
        times.start(("chat", str(i)))
    assert len(times) == 3
    assert times.elapsed(("chat", "0")) is None, "the oldest entries went first"
    assert times.elapsed(("chat", "4")) is not None

    expiring = function_module.StartTimes(max_entries=100, ttl_seconds=0.2)
    expiring.start(("chat", "old"))
    time.sleep(0.3)
    expiring.start(("chat", "new"))
    assert len(expiring) == 1
    assert expiring.elapsed(("chat", "old")) is None


def test_handlers_accept_the_arguments_of_every_openwebui_version(make_filter, new_user_id):
    """OpenWebUI passes only the parameters a handler names; these must all be named, and unknown ones tolerated."""
    import inspect
    monitor = make_filter()
    for handler in (monitor.inlet, monitor.outlet):
        names = set(inspect.signature(handler).parameters)
        assert {"body", "__user__", "__metadata__", "__event_emitter__", "__chat_id__", "__message_id__"} <= names
    chat = Chat(new_user_id)
    asyncio.run(monitor.inlet(body=chat.inlet_body(), __user__=chat.user, __metadata__=chat.metadata(),
                              __event_call__=None, __request__=None, __oauth_token__=None, __files__=[]))


def api_call_metadata(user):
    """__metadata__ of a call to /api/chat/completions with an API key: no chat, no message id, no session."""
    return {"user_id": user["id"], "chat_id": "", "message_id": None, "session_id": None, "tool_ids": None,
            "files": None, "features": {}, "variables": {}, "filter_ids": [], "direct": False}


def api_call_outlet_body(model, prompt, reply, message_id, input_tokens, output_tokens):
    """
    The outlet body OpenWebUI 0.10 and later build for an API call (middleware.outlet_filter_handler, unsaved chat):
    the request's messages, the reply with OpenWebUI's normalized usage, an empty chat id and a fresh message id.
    """
    return {"model": model,
            "messages": [
                {"id": None, "role": "user", "content": prompt, "info": None, "timestamp": None},
                {"id": message_id, "role": "assistant", "content": reply, "info": None, "timestamp": None,
                 "usage": {"prompt_tokens": input_tokens, "completion_tokens": output_tokens,
                           "total_tokens": input_tokens + output_tokens, "input_tokens": input_tokens,
                           "output_tokens": output_tokens}}],
            "filter_ids": [], "chat_id": "", "session_id": None, "id": message_id}


def test_api_calls_are_charged_through_the_outlet_openwebui_runs_for_them(make_filter, new_user_id, admin):
    """
    OpenWebUI 0.10 and later run the outlet for /api/chat/completions too (ENABLE_API_OUTLET_FILTERS, on by
    default), without an event emitter and without chat or message ids of the caller's. Each call is charged once.
    """
    monitor = make_filter()
    user = Chat(new_user_id).user
    metadata = api_call_metadata(user)
    body = {"model": "gpt-4o", "stream": False, "messages": [{"role": "user", "content": "Hello from a script"}]}
    call_handler(monitor.inlet, body, user=user, metadata=metadata, chat_id="", emitter=None)
    start = admin.balance(new_user_id)

    outlet = api_call_outlet_body("gpt-4o", "Hello from a script", "Hi, script", "msg_" + new_user_id, 1000, 1000)
    call_handler(monitor.outlet, outlet, user=user, metadata=metadata, emitter=None)
    assert admin.balance(new_user_id) == pytest.approx(start - 0.12, abs=1e-9)

    # A second call with another reply is another charge; the same outlet delivered twice is not.
    second = api_call_outlet_body("gpt-4o", "Hello from a script", "Hello again", "msg_2_" + new_user_id, 500, 500)
    for _ in range(2):
        call_handler(monitor.outlet, dict(second), user=user, metadata=metadata, emitter=None)
    assert admin.balance(new_user_id) == pytest.approx(start - 0.18, abs=1e-9)


def test_a_plan_s_low_balance_threshold_warns_under_the_reply_without_a_valve(make_filter, new_user_id, admin):
    monitor = make_filter(low_balance_warning=0)
    Chat(new_user_id).inlet(monitor)  # the user now exists in billing
    admin.set_balance(new_user_id, 1)
    plain = Events()
    Chat(new_user_id).run_once(monitor, plain)
    assert plain.notifications() == [], "no plan, no valve: no warning at 0.88"

    plan = "warned-" + new_user_id[-8:]
    admin.put(f"/api/v1/plans/{plan}", {"amount": 0, "period": "month", "mode": "add", "timezone": "UTC",
                                        "lowBalanceThreshold": 0.8})
    admin.put(f"/api/v1/users/{new_user_id}/plan", {"plan": plan})
    warned = Events()
    Chat(new_user_id).run_once(monitor, warned)
    balance = float(parse_status(warned.last_status()["description"])["balance"])
    assert balance == pytest.approx(0.76)
    assert warned.notifications() == [{"type": "warning", "content": f"Low balance: ${balance:.4f} left."}]
