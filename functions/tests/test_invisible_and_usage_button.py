"""The invisible function and the usage button, as OpenWebUI runs them, against the real gateway."""

import asyncio
import importlib.util
from pathlib import Path

import pytest

from conftest import Chat, Events, call_handler, load_function_module

FUNCTIONS = Path(__file__).resolve().parents[1]


def load_make_invisible():
    spec = importlib.util.spec_from_file_location("make_invisible", FUNCTIONS / "make_invisible.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_invisible_function_is_the_main_one_made_silent_and_up_to_date():
    make = load_make_invisible()
    expected = make.invisible_source((FUNCTIONS / "openwebui_monitor.py").read_text(encoding="utf-8"))
    assert (FUNCTIONS / "openwebui_monitor_invisible.py").read_text(encoding="utf-8") == expected, (
        "openwebui_monitor_invisible.py is out of date: run python3 functions/make_invisible.py")


@pytest.fixture
def invisible(gateway_url, api_key):
    module = load_function_module(FUNCTIONS / "openwebui_monitor_invisible.py")
    instance = module.Filter()
    instance.valves = instance.Valves(api_endpoint=gateway_url, api_key=api_key, language="en")
    return instance


def test_the_invisible_function_charges_like_the_main_one_and_shows_nothing(invisible, new_user_id, admin):
    chat = Chat(new_user_id)
    events = Events()
    chat.inlet(invisible, events)
    start = admin.balance(new_user_id)
    chat.outlet(invisible, events, prompt_tokens=100000, completion_tokens=100000)   # 12.00: overdrawn
    assert admin.balance(new_user_id) == pytest.approx(start - 12, abs=1e-9)
    assert events.events == [], "nothing is shown under the reply, not even the low-balance warning"
    with pytest.raises(Exception, match=r"^Insufficient balance"):
        Chat(new_user_id).inlet(invisible)


@pytest.fixture
def usage_button(gateway_url, api_key):
    module = load_function_module(FUNCTIONS / "usage_button.py")
    instance = module.Action()
    instance.valves = instance.Valves(api_endpoint=gateway_url, api_key=api_key, language="en",
                                      timezone="Asia/Shanghai")
    return instance


def press(button, chat, message_id=None, user=None):
    """The body OpenWebUI's /api/chat/actions/{id} passes: the model, the messages, the message id, the chat."""
    events = Events()
    body = {"model": chat.model, "messages": [], "id": message_id or chat.message_id, "chat_id": chat.chat_id,
            "session_id": chat.session_id}
    asyncio.run(button.action(body=body, __user__=user or chat.user, __event_emitter__=events, __id__="usage",
                              __event_call__=None, __metadata__={}))
    return events.last_status()["description"]


def test_the_usage_button_shows_the_message_s_figures_and_the_user_s_spend(make_filter, usage_button, new_user_id):
    monitor = make_filter()
    chat = Chat(new_user_id)
    chat.inlet(monitor)
    chat.outlet(monitor)   # 1000 + 1000 tokens at 60 USD per million: 0.12
    second = Chat(new_user_id)
    second.inlet(monitor)
    second.outlet(monitor, prompt_tokens=500, completion_tokens=500)   # 0.06

    assert press(usage_button, chat) == ("This reply: 1000+1000 tokens, $0.1200 | Balance: $9.8200"
                                         " | Spent today: $0.1800, this month: $0.1800")
    assert press(usage_button, second).startswith("This reply: 500+500 tokens, $0.0600")
    assert press(usage_button, chat, message_id="never-charged").startswith("This reply has not been charged (yet)")


def test_the_usage_button_speaks_the_user_s_language_and_knows_new_users(usage_button, new_user_id, gateway_url,
                                                                         api_key):
    usage_button.valves = usage_button.Valves(api_endpoint=gateway_url, api_key=api_key, language="zh")
    assert press(usage_button, Chat(new_user_id)) == "暂无用量：从监控收到的第一次对话开始统计"


def test_the_usage_button_answers_only_with_the_function_key(usage_button, new_user_id, gateway_url):
    usage_button.valves = usage_button.Valves(api_endpoint=gateway_url, api_key="not-the-key")
    assert "refused the Api Key" in press(usage_button, Chat(new_user_id))
