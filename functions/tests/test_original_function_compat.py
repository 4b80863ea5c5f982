"""
Installs of the original function (version 0.3.x) point it at the gateway and change nothing else. These tests
send the requests that function sends, built the way it builds them, and read the answers the way it reads them.

What 0.3.x does (resources/functions/openwebui_monitor.py of VariantConst/OpenWebUI-Monitor, 0.3.5 and 0.3.6):
- POST {api_endpoint}/api/v1/inlet and /api/v1/outlet, header only "Authorization: Bearer <api_key>", JSON
  {"user": __user__, "body": body} with OpenWebUI's objects as they are; 0.3.6 first runs them through
  json.dumps(default=lambda o: o.dict() if hasattr(o, "dict") else str(o)).
- It sends background tasks (titles, tags) too, and the whole __user__: api_key, settings, oauth_sub included.
- It reads: success (truthy, else it raises), balance (refuses when <= 0), inputTokens and outputTokens (shown,
  outputTokens divided by seconds), totalCost and newBalance (formatted with :.4f).
"""

import asyncio
import json
import uuid

import httpx
import pytest
from pydantic import BaseModel

# The original calls .dict() on pydantic objects, which pydantic v2 deprecates; that is its code, replayed as is.
pytestmark = pytest.mark.filterwarnings("ignore:The `dict` method is deprecated")


class OriginalUserValves(BaseModel):
    enabled: bool = True


def original_request(url, api_key, user, body):
    """The request method of the 0.3.6 function, line for line apart from its logging."""

    async def send():
        json_data = json.loads(json.dumps({"user": user, "body": body},
                                          default=lambda o: o.dict() if hasattr(o, "dict") else str(o)))
        async with httpx.AsyncClient() as client:
            response = await client.post(url=url, headers={"Authorization": f"Bearer {api_key}"}, json=json_data)
            response.raise_for_status()
            response_data = response.json()
            assert response_data.get("success"), f"the original raises on {response_data}"
            return response_data

    return asyncio.run(send())


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_inlet_answer(answer):
    """What 0.3.x does with an inlet answer."""
    assert is_number(answer["balance"]), answer
    refused = answer.get("balance", 0) <= 0
    "Insufficient balance: Current balance `{balance:.4f}`".format(balance=answer.get("balance", 0))
    return refused


def check_outlet_answer(answer):
    """What 0.3.x does with an outlet answer: every field it formats must be a JSON number."""
    for field in ("inputTokens", "outputTokens"):
        assert isinstance(answer[field], int) and not isinstance(answer[field], bool), answer
    for field in ("totalCost", "newBalance"):
        assert is_number(answer[field]), answer
    "Tokens: {input}+{output}".format(input=answer["inputTokens"], output=answer["outputTokens"])
    "Cost: ${cost:.4f} | Balance: ${balance:.4f}".format(cost=answer["totalCost"], balance=answer["newBalance"])
    "{tokens_per_sec:.2f} T/s".format(tokens_per_sec=answer["outputTokens"] / 1.7)


def user_of_openwebui_05(user_id):
    """__user__ as OpenWebUI 0.5.x hands it to a filter."""
    return {"id": user_id, "email": f"{user_id}@example.com", "name": "Ann Example", "role": "user"}


def user_of_openwebui_06(user_id):
    """__user__ in later versions: the whole user record, secrets included, plus user valves as a pydantic object."""
    return dict(user_of_openwebui_05(user_id), profile_image_url="/user.png", last_active_at=1735689600,
                updated_at=1735689600, created_at=1735600000, api_key="sk-owui-user-key",
                settings={"ui": {"models": ["gpt-4o"]}}, info={}, oauth_sub="oidc@1234",
                valves=OriginalUserValves())


def inlet_body(model, chat_id, message_id, session_id, task=None, content="Tell me a story"):
    """The body OpenWebUI 0.5.x hands to a filter's inlet."""
    metadata = {"user_id": "ignored-here", "chat_id": chat_id, "message_id": message_id, "session_id": session_id,
                "tool_ids": None, "files": None, "features": {"image_generation": False, "web_search": False},
                "variables": {"{{USER_NAME}}": "Ann Example", "{{CURRENT_DATE}}": "2025-01-01"},
                "model": {"id": model, "name": model, "owned_by": "openai"}, "direct": False}
    if task:
        metadata["task"] = task
    return {"stream": True, "model": model, "messages": [{"role": "user", "content": content}],
            "features": {"web_search": False}, "metadata": metadata}


def outlet_body(model, chat_id, message_id, session_id, assistant, user_content="Tell me a story"):
    """The body OpenWebUI hands to a filter's outlet: the whole conversation, the reply last."""
    reply = {"id": message_id, "parentId": "u-" + message_id, "childrenIds": [], "role": "assistant",
             "content": "Once upon a time, there was a gateway.", "model": model, "modelName": model,
             "timestamp": 1735689601, "done": True}
    reply.update(assistant)
    return {"model": model,
            "messages": [{"id": "u-" + message_id, "parentId": None, "childrenIds": [message_id], "role": "user",
                          "content": user_content, "timestamp": 1735689600, "models": [model]}, reply],
            "chat_id": chat_id, "session_id": session_id, "id": message_id}


@pytest.mark.parametrize("make_user", [user_of_openwebui_05, user_of_openwebui_06])
@pytest.mark.parametrize("assistant, expected_tokens", [
    ({"usage": {"prompt_tokens": 1000, "completion_tokens": 1000, "total_tokens": 2000}}, (1000, 1000)),
    ({"info": {"usage": {"prompt_tokens": 1000, "completion_tokens": 1000}}}, (1000, 1000)),
    ({"info": {"prompt_tokens": 1000, "completion_tokens": 1000, "total_tokens": 2000}}, (1000, 1000)),
    ({"usage": {"input_tokens": 1500, "output_tokens": 500, "prompt_tokens": 1000, "completion_tokens": 400}},
     (1500, 500)),
], ids=["usage", "info.usage", "legacy-info", "input_tokens-win"])
def test_a_chat_as_the_original_function_sends_it_is_admitted_and_charged(gateway_url, api_key, make_user,
                                                                       assistant, expected_tokens):
    user = make_user("orig-" + uuid.uuid4().hex[:12])
    model, chat_id, message_id, session_id = "gpt-4o", str(uuid.uuid4()), str(uuid.uuid4()), "s-" + uuid.uuid4().hex

    inlet = original_request(f"{gateway_url}/api/v1/inlet", api_key, user,
                             inlet_body(model, chat_id, message_id, session_id))
    assert check_inlet_answer(inlet) is False, "a new user of the test stack has a positive INIT_BALANCE"

    outlet = original_request(f"{gateway_url}/api/v1/outlet", api_key, user,
                              outlet_body(model, chat_id, message_id, session_id, assistant))
    check_outlet_answer(outlet)
    assert (outlet["inputTokens"], outlet["outputTokens"]) == expected_tokens
    assert outlet.get("pending") is not True, "billing is up in the test stack and answers in time"
    # Default prices: 60 USD per million tokens each way; 2000 tokens cost 0.12.
    assert outlet["totalCost"] == pytest.approx(0.12)
    assert outlet["newBalance"] == pytest.approx(inlet["balance"] - 0.12)


def test_replies_without_usage_are_counted_by_the_tokenizer_text_parts_of_images_included(gateway_url, api_key):
    user = user_of_openwebui_05("orig-" + uuid.uuid4().hex[:12])
    ids = ("gpt-4o", str(uuid.uuid4()), str(uuid.uuid4()), "s-1")
    multimodal = [{"type": "text", "text": "What is in this picture?"},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}]
    original_request(f"{gateway_url}/api/v1/inlet", api_key, user, inlet_body(*ids, content=multimodal))
    outlet = original_request(f"{gateway_url}/api/v1/outlet", api_key, user,
                              outlet_body(*ids, {"content": "A cat on a mat."}, user_content=multimodal))
    check_outlet_answer(outlet)
    assert outlet["inputTokens"] > 0 and outlet["outputTokens"] > 0
    assert outlet["totalCost"] > 0


def test_background_tasks_the_original_function_sends_are_answered_in_the_same_shape(gateway_url, api_key):
    user = user_of_openwebui_05("orig-" + uuid.uuid4().hex[:12])
    body = inlet_body("gpt-4o", str(uuid.uuid4()), None, None, task="title_generation")
    body["messages"] = [{"role": "user", "content": "### Task:\nGenerate a concise title..."}]
    answer = original_request(f"{gateway_url}/api/v1/inlet", api_key, user, body)
    assert check_inlet_answer(answer) is False


def test_the_original_function_with_a_wrong_key_gets_an_error_it_reports(gateway_url):
    with pytest.raises(httpx.HTTPStatusError) as raised:
        original_request(f"{gateway_url}/api/v1/inlet", "not-the-key", user_of_openwebui_05("x"),
                         inlet_body("gpt-4o", "c", "m", "s"))
    assert raised.value.response.status_code == 401
    assert raised.value.response.json()["error_type"] == "unauthorized"
