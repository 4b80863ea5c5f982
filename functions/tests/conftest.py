"""
Shared fixtures: the real function file, loaded the way OpenWebUI loads it, driven the way OpenWebUI calls it,
against the real gateway of a running stack named by environment variables:

    OWM_GATEWAY_URL   e.g. http://127.0.0.1:7878
    OWM_API_KEY       the stack's API_KEY (what the function sends)
    OWM_ACCESS_TOKEN  the stack's ACCESS_TOKEN (admin API, to set balances)

The stack must give new users a positive INIT_BALANCE (the devstack tests use 10).
"""

import asyncio
import importlib.util
import inspect
import json
import os
import socket
import threading
import urllib.error
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

FUNCTION_FILE = Path(__file__).resolve().parents[1] / "openwebui_monitor.py"


def _required_env(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: these tests need a running stack (see functions/tests/conftest.py)")
    return value


@pytest.fixture(scope="session")
def gateway_url():
    return _required_env("OWM_GATEWAY_URL").rstrip("/")


@pytest.fixture(scope="session")
def api_key():
    return _required_env("OWM_API_KEY")


@pytest.fixture(scope="session")
def access_token():
    return _required_env("OWM_ACCESS_TOKEN")


def load_function_module(file=FUNCTION_FILE):
    """A fresh module from the file, as OpenWebUI's plugin loader does (it execs the file's text as a module)."""
    name = file.stem + "_" + uuid.uuid4().hex
    spec = importlib.util.spec_from_file_location(name, file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def function_module():
    return load_function_module()


@pytest.fixture
def make_filter(function_module, gateway_url, api_key):
    """A Filter with valves applied the way OpenWebUI applies stored valves: Valves(**stored)."""

    def make(**valves):
        settings = {"api_endpoint": gateway_url, "api_key": api_key, "language": "en"}
        settings.update(valves)
        instance = function_module.Filter()
        instance.valves = instance.Valves(**settings)
        return instance

    return make


class Events:
    """The __event_emitter__ OpenWebUI passes: an async callable; here it keeps what it was given."""

    def __init__(self):
        self.events = []

    async def __call__(self, event):
        self.events.append(event)

    def statuses(self):
        return [e["data"] for e in self.events if e["type"] == "status"]

    def notifications(self):
        return [e["data"] for e in self.events if e["type"] == "notification"]

    def last_status(self):
        statuses = self.statuses()
        assert statuses, f"no status event among {self.events}"
        return statuses[-1]


def call_handler(handler, body, *, user, metadata, emitter=None, model=None, chat_id=None, message_id=None):
    """
    Calls inlet or outlet exactly as OpenWebUI's process_filter_functions does: it offers every extra parameter
    it has but passes only those the handler names in its signature, all as keyword arguments.
    """
    offered = {
        "__event_emitter__": emitter,
        "__event_call__": None,
        "__user__": user,
        "__metadata__": metadata,
        "__request__": object(),
        "__model__": model or {"id": body.get("model"), "name": body.get("model")},
        "__id__": "openwebui_monitor",
    }
    if chat_id is not None:
        offered["__chat_id__"] = chat_id
    if message_id is not None:
        offered["__message_id__"] = message_id
    parameters = inspect.signature(handler).parameters
    params = {"body": body}
    params.update({k: v for k, v in offered.items() if k in parameters})
    return asyncio.run(handler(**params))


class Chat:
    """One chat turn as OpenWebUI 0.5.x builds the inlet body, __metadata__ and the outlet body."""

    def __init__(self, user_id, model="gpt-4o", prompt="Tell me a story"):
        self.user = {"id": user_id, "email": f"{user_id}@example.com", "name": "Test User", "role": "user"}
        self.model = model
        self.chat_id = "chat-" + uuid.uuid4().hex
        self.message_id = "msg-" + uuid.uuid4().hex
        self.session_id = "sess-" + uuid.uuid4().hex
        self.prompt = prompt

    def metadata(self, task=None):
        metadata = {"user_id": self.user["id"], "chat_id": self.chat_id, "message_id": self.message_id,
                    "session_id": self.session_id, "tool_ids": None, "files": None,
                    "features": {"web_search": False}, "variables": {"{{USER_NAME}}": "Test User"},
                    "model": {"id": self.model, "name": self.model}}
        if task:
            metadata["task"] = task
        return metadata

    def inlet_body(self, task=None):
        return {"stream": True, "model": self.model,
                "messages": [{"role": "user", "content": self.prompt}],
                "metadata": self.metadata(task)}

    def outlet_body(self, prompt_tokens=1000, completion_tokens=1000, reply="Once upon a time"):
        return {"model": self.model,
                "messages": [
                    {"id": "msg-user-" + self.message_id, "role": "user", "content": self.prompt,
                     "timestamp": 1700000000},
                    {"id": self.message_id, "role": "assistant", "content": reply, "timestamp": 1700000001,
                     "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                               "total_tokens": prompt_tokens + completion_tokens}}],
                "chat_id": self.chat_id, "session_id": self.session_id, "id": self.message_id}

    def outlet_metadata(self):
        return {"chat_id": self.chat_id, "message_id": self.message_id, "session_id": self.session_id,
                "user_id": self.user["id"]}

    def inlet(self, filter_, emitter=None, task=None, user=None):
        return call_handler(filter_.inlet, self.inlet_body(task), user=user or self.user,
                            metadata=self.metadata(task), emitter=emitter)

    def outlet(self, filter_, emitter=None, user=None, **usage):
        return call_handler(filter_.outlet, self.outlet_body(**usage), user=user or self.user,
                            metadata=self.outlet_metadata(), emitter=emitter)

    def run_once(self, filter_, emitter=None, **usage):
        """The whole turn: inlet, then outlet (1000 + 1000 tokens unless told: 0.12 at the test prices)."""
        self.inlet(filter_, emitter)
        return self.outlet(filter_, emitter, **usage)


@pytest.fixture
def new_user_id():
    return "pytest-" + uuid.uuid4().hex[:12]


class Admin:
    """The admin API, with ACCESS_TOKEN, for setting up and checking balances."""

    def __init__(self, gateway_url, access_token):
        self.gateway_url = gateway_url
        self.headers = {"Authorization": "Bearer " + access_token}

    def put(self, path, body):
        response = httpx.put(f"{self.gateway_url}{path}", json=body, headers=self.headers, timeout=15)
        assert response.status_code == 200, f"PUT {path} answered {response.status_code}: {response.text[:300]}"
        return response.json()

    def set_balance(self, user_id, balance):
        response = httpx.put(f"{self.gateway_url}/api/v1/users/{user_id}/balance", json={"balance": balance},
                             headers=self.headers, timeout=15)
        assert response.status_code == 200, (
            f"PUT /api/v1/users/{user_id}/balance answered {response.status_code}: {response.text[:300]}")

    def balance(self, user_id):
        response = httpx.get(f"{self.gateway_url}/api/v1/users", params={"search": user_id, "deleted": "all"},
                             headers=self.headers, timeout=15)
        assert response.status_code == 200, response.text[:300]
        users = [u for u in response.json()["users"] if u["id"] == user_id]
        assert len(users) == 1, f"user {user_id} not listed: {response.text[:300]}"
        return float(users[0]["balance"])


@pytest.fixture
def admin(gateway_url, access_token):
    return Admin(gateway_url, access_token)


class RecordingProxy:
    """
    A reverse proxy in front of the gateway, on the standard library only: it forwards every request unchanged
    and keeps each one's path, headers and body, so a test can inspect exactly what went over the wire.
    """

    def __init__(self, target):
        self.target = target
        self.requests = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                proxy.requests.append({"path": self.path, "headers": dict(self.headers.items()), "body": body})
                forwarded = urllib.request.Request(proxy.target + self.path, data=body, method="POST", headers={
                    k: v for k, v in self.headers.items() if k.lower() in ("authorization", "content-type")})
                try:
                    with urllib.request.urlopen(forwarded, timeout=30) as answer:
                        status, content = answer.status, answer.read()
                except urllib.error.HTTPError as error:
                    status, content = error.code, error.read()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def bodies(self):
        return [json.loads(r["body"]) for r in self.requests]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recording_proxy(gateway_url):
    proxy = RecordingProxy(gateway_url)
    yield proxy
    proxy.close()


@pytest.fixture
def closed_port():
    """A port nothing listens on: bound once to get a free number, then released."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers: a monitor that hangs."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    yield s.getsockname()[1]
    s.close()
