"""
title: OpenWebUI Monitor
author: OpenWebUI Monitor on Kafka
git_url: https://github.com/VariantConst/OpenWebUI-Monitor.git
description: Checks each user's balance before a chat and charges every reply, showing tokens, cost and balance under it.
version: 1.0.0
required_open_webui_version: 0.5.0
license: MIT
"""

# Only httpx and pydantic are imported besides the standard library: OpenWebUI ships both, so the function
# installs without a "requirements" line (which would make OpenWebUI pip-install at load time). Only pydantic
# API that v1 and v2 share is used (BaseModel, Field), because admins run both.

import json
import logging
import threading
import time
from collections import OrderedDict
from datetime import date, datetime
from typing import Any, Awaitable, Callable, Dict, Optional, Tuple

import httpx
from pydantic import BaseModel, Field

log = logging.getLogger(__name__)

TRANSLATIONS: Dict[str, Dict[str, str]] = {
    "en": {
        "tokens": "Tokens: {input}+{output}",
        "cost": "Cost: ${cost:.4f}",
        "cost_pending": "Cost: pending",
        "balance": "Balance: ${balance:.4f}",
        "time_spent": "Time: {time:.2f}s",
        "tokens_per_sec": "{tokens_per_sec:.2f} T/s",
        "insufficient_balance": "Insufficient balance: current balance ${balance:.4f}. "
        "Please ask the administrator to top it up.",
        "blocked": "Your account is blocked. Please contact the administrator.",
        "billing_busy": "The billing service is not answering; please try again in a moment.",
        "monitor_down_refused": "The usage monitor cannot be reached ({reason}), so chats are paused. "
        "Please tell the administrator.",
        "monitor_down_allowed": "Usage monitor unreachable ({reason}): this chat was allowed without a balance check",
        "usage_not_recorded": "Usage monitor unreachable ({reason}): this reply was not charged",
        "low_balance": "Low balance: ${balance:.4f} left.",
        "limit_reached": "{message}. Please wait until then or ask the administrator.",
    },
    "zh": {
        "tokens": "Token: {input}+{output}",
        "cost": "费用: ¥{cost:.4f}",
        "cost_pending": "费用: 结算中",
        "balance": "余额: ¥{balance:.4f}",
        "time_spent": "耗时: {time:.2f}s",
        "tokens_per_sec": "{tokens_per_sec:.2f} T/s",
        "insufficient_balance": "余额不足: 当前余额 ¥{balance:.4f}，请联系管理员充值。",
        "blocked": "您的账户已被停用，请联系管理员。",
        "billing_busy": "计费服务暂未响应，请稍后重试。",
        "monitor_down_refused": "无法连接用量监控（{reason}），对话已暂停，请通知管理员。",
        "monitor_down_allowed": "无法连接用量监控（{reason}）：本次对话未检查余额",
        "usage_not_recorded": "无法连接用量监控（{reason}）：本次回复未计费",
        "low_balance": "余额不足提醒: 仅剩 ¥{balance:.4f}。",
        "limit_reached": "已达到使用上限（{message}），请届时再试或联系管理员。",
    },
    "es": {
        "tokens": "Tokens: {input}+{output}",
        "cost": "Costo: ${cost:.4f}",
        "cost_pending": "Costo: pendiente",
        "balance": "Saldo: ${balance:.4f}",
        "time_spent": "Tiempo: {time:.2f}s",
        "tokens_per_sec": "{tokens_per_sec:.2f} T/s",
        "insufficient_balance": "Saldo insuficiente: saldo actual ${balance:.4f}. "
        "Pida al administrador que lo recargue.",
        "blocked": "Su cuenta está bloqueada. Contacte al administrador.",
        "billing_busy": "El servicio de facturación no responde; inténtelo de nuevo en un momento.",
        "monitor_down_refused": "No se puede contactar con el monitor de uso ({reason}), por lo que los chats "
        "están en pausa. Avise al administrador.",
        "monitor_down_allowed": "Monitor de uso inaccesible ({reason}): este chat se permitió sin comprobar el saldo",
        "usage_not_recorded": "Monitor de uso inaccesible ({reason}): esta respuesta no se cobró",
        "low_balance": "Saldo bajo: quedan ${balance:.4f}.",
        "limit_reached": "Se alcanzó un límite de uso ({message}). Espere o consulte al administrador.",
    },
}

# The gateway reads only these user fields. Everything else OpenWebUI puts into __user__ (api_key, settings,
# oauth_sub, info, valves, ...) stays inside OpenWebUI: a whitelist cannot leak a secret added by a future version.
USER_FIELDS = ("id", "email", "name", "role")
# Where a message sits, and whether it is background work; the rest of OpenWebUI's metadata (the model
# definition, files, tool ids, prompt variables) is of no use to billing and can be large or private.
METADATA_FIELDS = ("chat_id", "message_id", "session_id", "task")
# The balance the gateway answers for a deleted (blocked) user, as the original app did.
BLOCKED_BALANCE = -1
# True in openwebui_monitor_invisible.py (made from this file by functions/make_invisible.py): it bills the same and
# refuses the same chats, but shows nothing under replies.
SILENT = False

Emitter = Callable[[dict], Awaitable[Any]]


class MonitorUnavailable(Exception):
    """The monitor gave no usable answer: unreachable, timed out, refused the key or answered nonsense."""


class StartTimes:
    """
    When each reply started, keyed by chat id and message id. One Filter instance serves every user and chat at
    once, so a single "start_time" field (as in the original function) would time one user's reply from another
    user's inlet. Entries are bounded in number and expire, so inlets whose outlet never comes (refused by a later
    filter, aborted, API calls without outlet) cannot grow the memory of the OpenWebUI process.
    """

    def __init__(self, max_entries: int = 10000, ttl_seconds: float = 6 * 3600):
        self._entries: "OrderedDict[Tuple[str, str], float]" = OrderedDict()
        self._max_entries = max_entries
        self._ttl = ttl_seconds
        # OpenWebUI runs filters on one event loop, but sync callers and worker threads exist: a lock is cheap.
        self._lock = threading.Lock()

    def start(self, key: Tuple[str, str]) -> None:
        now = time.monotonic()
        with self._lock:
            self._entries.pop(key, None)
            self._entries[key] = now
            self._evict(now)

    def elapsed(self, key: Tuple[str, str]) -> Optional[float]:
        now = time.monotonic()
        with self._lock:
            started = self._entries.pop(key, None)
            self._evict(now)
        if started is None or now - started > self._ttl:
            return None
        return now - started

    def discard(self, key: Tuple[str, str]) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def _evict(self, now: float) -> None:
        # Insertion order is start order, so the oldest entries are at the front.
        while self._entries:
            key, started = next(iter(self._entries.items()))
            if len(self._entries) > self._max_entries or now - started > self._ttl:
                self._entries.popitem(last=False)
            else:
                break


class Filter:
    class Valves(BaseModel):
        api_endpoint: str = Field(
            default="",
            description="The monitor's address as seen from inside the OpenWebUI container, "
            "e.g. http://host.docker.internal:7878 or http://gateway-service:7878 (not localhost)",
        )
        api_key: str = Field(default="", description="The monitor's API_KEY (not its ACCESS_TOKEN)")
        priority: int = Field(default=5, description="Filter priority: lower runs first")
        language: str = Field(default="en", description="Language of the messages: en, zh or es")
        timeout_seconds: float = Field(
            default=10.0, gt=0, description="How long to wait for the monitor on each inlet and outlet"
        )
        fail_open: bool = Field(
            default=False,
            description="When the monitor cannot be reached: on = let chats through with a warning, "
            "off = refuse chats with a clear message",
        )
        low_balance_warning: float = Field(
            default=1.0,
            description="Show a warning when a reply leaves the balance below this amount; 0 turns it off",
        )
        show_cost: bool = Field(default=True, description="Show the cost of the reply")
        show_balance: bool = Field(default=True, description="Show the balance after the reply")
        show_tokens: bool = Field(default=True, description="Show input+output tokens")
        show_tokens_per_sec: bool = Field(default=True, description="Show output tokens per second")
        show_time_spent: bool = Field(default=True, description="Show the time from request to the end of the reply")

    def __init__(self):
        self.type = "filter"
        self.name = "OpenWebUI Monitor"
        self.valves = self.Valves()
        self.start_times = StartTimes()

    # OpenWebUI passes only the keyword arguments a handler names in its signature, so every one this
    # function can use is named here; **kwargs keeps the handler callable by anything that passes more.
    async def inlet(
        self,
        body: dict,
        __user__: Optional[dict] = None,
        __metadata__: Optional[dict] = None,
        __event_emitter__: Optional[Emitter] = None,
        __model__: Optional[dict] = None,
        __chat_id__: Optional[str] = None,
        __message_id__: Optional[str] = None,
        **kwargs: Any,
    ) -> dict:
        metadata = self._metadata(body, __metadata__, __chat_id__, __message_id__, None)
        if metadata.get("task"):
            return body  # Title, tag and follow-up generation are OpenWebUI's own work, not the user's chat.
        user = self._user(__user__)
        key = self._timing_key(metadata)
        if key:
            self.start_times.start(key)
        # The gateway admits on the user and the model alone, so the conversation is not sent here: a chat full
        # of images could pass the gateway's body limit and be refused for no reason. The outlet sends it.
        request = {"model": self._model(body, __model__), "metadata": metadata}
        try:
            answer = await self._post("/api/v1/inlet", {"user": user, "body": request})
            balance = self._number(answer, "balance")
        except MonitorUnavailable as err:
            reason = str(err)
            log.warning("OpenWebUI Monitor: inlet for user %s failed: %s", user.get("id"), reason)
            if not self.valves.fail_open:
                if key:
                    self.start_times.discard(key)
                raise Exception(self._text("monitor_down_refused", reason=reason)) from None
            await self._status(__event_emitter__, self._text("monitor_down_allowed", reason=reason))
            return body
        if balance <= 0:
            if key:
                self.start_times.discard(key)
            if answer.get("limit_reached"):
                # A limit of the user's plan: the message names it and when it renews.
                raise Exception(self._text("limit_reached", message=str(answer.get("message", ""))))
            if balance == BLOCKED_BALANCE:
                raise Exception(self._text("blocked"))
            if answer.get("pending"):
                # The gateway refused on its own because billing is away: say so, not "insufficient balance".
                raise Exception(self._text("billing_busy"))
            raise Exception(self._text("insufficient_balance", balance=balance))
        return body

    async def outlet(
        self,
        body: dict,
        __user__: Optional[dict] = None,
        __metadata__: Optional[dict] = None,
        __event_emitter__: Optional[Emitter] = None,
        __model__: Optional[dict] = None,
        __chat_id__: Optional[str] = None,
        __message_id__: Optional[str] = None,
        **kwargs: Any,
    ) -> dict:
        metadata = self._metadata(body, __metadata__, __chat_id__, __message_id__, body.get("id"))
        if metadata.get("task"):
            return body
        user = self._user(__user__)
        key = self._timing_key(metadata)
        elapsed = self.start_times.elapsed(key) if key else None
        request = {
            "model": self._model(body, __model__),
            "messages": body.get("messages", []),
            "chat_id": metadata.get("chat_id"),
            "id": metadata.get("message_id"),
            "session_id": metadata.get("session_id"),
            "metadata": metadata,
        }
        try:
            answer = await self._post("/api/v1/outlet", {"user": user, "body": request})
            input_tokens = int(self._number(answer, "inputTokens"))
            output_tokens = int(self._number(answer, "outputTokens"))
            cost = self._number(answer, "totalCost")
            balance = self._number(answer, "newBalance")
        except MonitorUnavailable as err:
            # The reply exists already: refusing it now helps nobody, so the outlet never raises. The warning
            # tells the user; the log tells the admin which reply went unbilled.
            reason = str(err)
            log.warning("OpenWebUI Monitor: outlet for user %s, chat %s, message %s was not charged: %s",
                        user.get("id"), metadata.get("chat_id"), metadata.get("message_id"), reason)
            await self._status(__event_emitter__, self._text("usage_not_recorded", reason=reason))
            return body

        stats = self._stats(input_tokens, output_tokens, cost, balance, bool(answer.get("pending")), elapsed)
        if stats:
            await self._status(__event_emitter__, stats)
        # The monitor's threshold (the user's plan's, or LOW_BALANCE_THRESHOLD) or this function's own valve.
        threshold = self.valves.low_balance_warning
        if answer.get("low_balance") or (threshold > 0 and balance < threshold):
            await self._notify(__event_emitter__, "warning", self._text("low_balance", balance=balance))
        log.info("OpenWebUI Monitor: user %s, model %s: %s", user.get("id"), request["model"], stats)
        return body

    def _stats(self, input_tokens: int, output_tokens: int, cost: float, balance: float, pending: bool,
               elapsed: Optional[float]) -> str:
        valves = self.valves
        parts = []
        if valves.show_tokens:
            parts.append(self._text("tokens", input=input_tokens, output=output_tokens))
        if valves.show_cost:
            # A pending answer carries cost 0 until billing has priced the reply: "$0.0000" would be a lie.
            parts.append(self._text("cost_pending") if pending else self._text("cost", cost=cost))
        if valves.show_balance:
            parts.append(self._text("balance", balance=balance))
        if elapsed is not None and elapsed > 0:
            if valves.show_time_spent:
                parts.append(self._text("time_spent", time=elapsed))
            if valves.show_tokens_per_sec:
                parts.append(self._text("tokens_per_sec", tokens_per_sec=output_tokens / elapsed))
        return " | ".join(parts)

    async def _post(self, path: str, payload: dict) -> dict:
        endpoint = (self.valves.api_endpoint or "").strip().rstrip("/")
        if not endpoint:
            raise MonitorUnavailable("the Api Endpoint valve is empty")
        if not endpoint.startswith(("http://", "https://")):
            raise MonitorUnavailable("the Api Endpoint valve must start with http:// or https://")
        # pydantic objects, datetimes and the like are turned into JSON here rather than by httpx, which
        # would fail on them; see _jsonable.
        try:
            content = json.dumps(payload, default=_jsonable, ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError) as err:  # e.g. a circular reference some other filter left in the body
            raise MonitorUnavailable("the request cannot be encoded as JSON: %s" % err) from None
        headers = {"Authorization": "Bearer " + self.valves.api_key, "Content-Type": "application/json"}
        try:
            async with httpx.AsyncClient(timeout=httpx.Timeout(self.valves.timeout_seconds)) as client:
                response = await client.post(endpoint + path, content=content, headers=headers)
        except httpx.TimeoutException:
            raise MonitorUnavailable("no answer within %gs" % self.valves.timeout_seconds) from None
        except httpx.HTTPError as err:
            # The exception's text holds the URL at most, never the headers, so the key stays out of logs.
            raise MonitorUnavailable("%s: %s" % (type(err).__name__, err)) from None
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.status_code == 401:
            raise MonitorUnavailable("the monitor refused the Api Key valve; it must be the monitor's API_KEY")
        if response.status_code != 200 or not isinstance(answer, dict) or answer.get("success") is not True:
            detail = answer.get("error") if isinstance(answer, dict) and answer.get("error") else response.text[:200]
            raise MonitorUnavailable("HTTP %d: %s" % (response.status_code, detail))
        return answer

    @staticmethod
    def _number(answer: dict, field: str) -> float:
        value = answer.get(field)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise MonitorUnavailable("the answer has no number in '%s'" % field)
        return value

    @staticmethod
    def _user(user: Optional[dict]) -> dict:
        user = user or {}
        return {field: user[field] for field in USER_FIELDS if user.get(field) is not None}

    @staticmethod
    def _metadata(body: dict, metadata: Optional[dict], chat_id: Optional[str], message_id: Optional[str],
                  outlet_message_id: Optional[str]) -> dict:
        """
        Where the reply sits, from wherever this OpenWebUI version put it: the newer __chat_id__/__message_id__
        arguments, __metadata__, the body's metadata (inlet) or the body's own fields (outlet). The gateway makes
        charges idempotent on user, chat id and message id, so they are sent whenever they are known.
        """
        sources = [metadata or {}, body.get("metadata") or {}]
        found = {
            "chat_id": chat_id or body.get("chat_id"),
            "message_id": message_id or outlet_message_id,
            "session_id": body.get("session_id"),
        }
        for field in METADATA_FIELDS:
            for source in sources:
                if not found.get(field) and isinstance(source, dict) and source.get(field):
                    found[field] = source.get(field)
        return {field: _jsonable_id(value) for field, value in found.items() if value}

    @staticmethod
    def _model(body: dict, model: Optional[dict]) -> Optional[str]:
        for candidate in (body.get("model"), model):
            # The body names the model by id; some callers hand the whole model definition instead.
            if isinstance(candidate, dict):
                candidate = candidate.get("id")
            if candidate:
                return str(candidate)
        return None

    @staticmethod
    def _timing_key(metadata: dict) -> Optional[Tuple[str, str]]:
        # Without both ids there is no safe way to pair an outlet with its inlet: no time is better than a wrong one.
        if metadata.get("chat_id") and metadata.get("message_id"):
            return (str(metadata["chat_id"]), str(metadata["message_id"]))
        return None

    def _text(self, key: str, **values: Any) -> str:
        language = self.valves.language if self.valves.language in TRANSLATIONS else "en"
        return TRANSLATIONS[language].get(key, TRANSLATIONS["en"][key]).format(**values)

    async def _status(self, emitter: Optional[Emitter], description: str) -> None:
        # done is always true: a status left at done=false keeps a spinner under the message forever.
        await self._emit(emitter, {"type": "status", "data": {"description": description, "done": True}})

    async def _notify(self, emitter: Optional[Emitter], kind: str, content: str) -> None:
        await self._emit(emitter, {"type": "notification", "data": {"type": kind, "content": content}})

    @staticmethod
    async def _emit(emitter: Optional[Emitter], event: dict) -> None:
        if emitter is None or SILENT:
            return  # API callers have no chat window to show events in; the invisible variant shows nothing.
        try:
            await emitter(event)
        except Exception as err:  # A closed socket must not turn a charged reply into an error.
            log.warning("OpenWebUI Monitor: could not show %s: %s", event.get("type"), err)


def _jsonable(value: Any) -> Any:
    """json.dumps fallback: pydantic models (v2 model_dump, v1 dict), dates, sets; anything else as text."""
    for method in ("model_dump", "dict"):
        dump = getattr(value, method, None)
        if callable(dump):
            try:
                return dump()
            except Exception:  # a "dict" or "model_dump" that is not pydantic's and wants arguments
                break
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _jsonable_id(value: Any) -> Any:
    return value if isinstance(value, (str, int)) else str(value)
