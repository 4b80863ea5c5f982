"""
title: Usage
author: OpenWebUI Monitor on Kafka
git_url: https://github.com/VariantConst/OpenWebUI-Monitor.git
description: A button under each reply that shows what it cost: its tokens and cost, the balance, and what was spent today and this month.
version: 1.0.0
required_open_webui_version: 0.5.0
license: MIT
"""

# An OpenWebUI Action. It asks the monitor's gateway (POST /api/v1/usage, with the function's API_KEY) about the
# message it sits under, for the user OpenWebUI names; it writes nothing inside OpenWebUI. Only httpx and pydantic
# (what v1 and v2 share) besides the standard library, as in openwebui_monitor.py.

import logging
from typing import Any, Awaitable, Callable, Dict, Optional

import httpx
from pydantic import BaseModel, Field

log = logging.getLogger(__name__)

TRANSLATIONS: Dict[str, Dict[str, str]] = {
    "en": {
        "message": "This reply: {input}+{output} tokens, ${cost:.4f}",
        "not_charged": "This reply has not been charged (yet)",
        "balance": "Balance: ${balance:.4f}",
        "spent": "Spent today: ${today:.4f}, this month: ${month:.4f}",
        "unknown_user": "No usage yet: chats are counted from the first one the monitor sees",
        "unavailable": "The usage monitor cannot be reached ({reason})",
    },
    "zh": {
        "message": "本条回复：{input}+{output} tokens，${cost:.4f}",
        "not_charged": "本条回复（尚）未计费",
        "balance": "余额：${balance:.4f}",
        "spent": "今日消费：${today:.4f}，本月：${month:.4f}",
        "unknown_user": "暂无用量：从监控收到的第一次对话开始统计",
        "unavailable": "无法连接用量监控（{reason}）",
    },
    "es": {
        "message": "Esta respuesta: {input}+{output} tokens, ${cost:.4f}",
        "not_charged": "Esta respuesta no se ha cobrado (aún)",
        "balance": "Saldo: ${balance:.4f}",
        "spent": "Gastado hoy: ${today:.4f}, este mes: ${month:.4f}",
        "unknown_user": "Aún sin uso: se cuenta desde el primer chat que ve el monitor",
        "unavailable": "No se puede contactar con el monitor de uso ({reason})",
    },
}

Emitter = Callable[[dict], Awaitable[Any]]


class Action:
    class Valves(BaseModel):
        api_endpoint: str = Field(
            default="",
            description="The monitor's address as seen from inside the OpenWebUI container, "
            "e.g. http://host.docker.internal:7878 (not localhost)",
        )
        api_key: str = Field(default="", description="The monitor's API_KEY, as in the OpenWebUI Monitor function")
        language: str = Field(default="en", description="Language of the text: en, zh or es")
        timezone: str = Field(default="UTC", description="Where 'today' and 'this month' begin, e.g. Asia/Shanghai")
        timeout_seconds: float = Field(default=10.0, gt=0, description="How long to wait for the monitor")

    def __init__(self):
        self.valves = self.Valves()

    async def action(
        self,
        body: dict,
        __user__: Optional[dict] = None,
        __event_emitter__: Optional[Emitter] = None,
        __metadata__: Optional[dict] = None,
        **kwargs: Any,
    ) -> Optional[dict]:
        """OpenWebUI calls this when the button is pressed; body holds the chat id and the message's id."""
        user_id = (__user__ or {}).get("id")
        metadata = __metadata__ or {}
        request = {
            "user": {"id": user_id},
            "chat_id": body.get("chat_id") or metadata.get("chat_id"),
            "message_id": body.get("id") or metadata.get("message_id"),
            "timezone": self.valves.timezone or "UTC",
        }
        try:
            answer = await self._post(request)
        except UsageUnavailable as err:
            log.warning("Usage button: no usage for user %s: %s", user_id, err)
            await self._show(__event_emitter__, self._text("unavailable", reason=str(err)))
            return None
        if answer is None:
            await self._show(__event_emitter__, self._text("unknown_user"))
            return None
        await self._show(__event_emitter__, self.describe(answer))
        return None

    def describe(self, answer: dict) -> str:
        parts = [self._text("message", input=answer.get("inputTokens", 0), output=answer.get("outputTokens", 0),
                            cost=float(answer.get("cost", 0)))
                 if answer.get("found") else self._text("not_charged"),
                 self._text("balance", balance=float(answer.get("balance", 0))),
                 self._text("spent", today=float(answer.get("spentToday", 0)),
                            month=float(answer.get("spentThisMonth", 0)))]
        return " | ".join(parts)

    async def _post(self, request: dict) -> Optional[dict]:
        """The gateway's answer; None for a user it does not know; UsageUnavailable for anything else."""
        endpoint = (self.valves.api_endpoint or "").strip().rstrip("/")
        if not endpoint.startswith(("http://", "https://")):
            raise UsageUnavailable("the Api Endpoint valve must start with http:// or https://")
        headers = {"Authorization": "Bearer " + self.valves.api_key}
        try:
            async with httpx.AsyncClient(timeout=httpx.Timeout(self.valves.timeout_seconds)) as client:
                response = await client.post(endpoint + "/api/v1/usage", json=request, headers=headers)
        except httpx.TimeoutException:
            raise UsageUnavailable("no answer within %gs" % self.valves.timeout_seconds) from None
        except httpx.HTTPError as err:
            raise UsageUnavailable("%s: %s" % (type(err).__name__, err)) from None
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.status_code == 404 and isinstance(answer, dict) and answer.get("error_type") == "user_not_found":
            return None
        if response.status_code == 401:
            raise UsageUnavailable("the monitor refused the Api Key valve; it must be the monitor's API_KEY")
        if response.status_code != 200 or not isinstance(answer, dict) or answer.get("success") is not True:
            detail = answer.get("error") if isinstance(answer, dict) and answer.get("error") else response.text[:200]
            raise UsageUnavailable("HTTP %d: %s" % (response.status_code, detail))
        return answer

    def _text(self, key: str, **values: Any) -> str:
        language = self.valves.language if self.valves.language in TRANSLATIONS else "en"
        return TRANSLATIONS[language][key].format(**values)

    @staticmethod
    async def _show(emitter: Optional[Emitter], description: str) -> None:
        if emitter is None:
            return
        await emitter({"type": "status", "data": {"description": description, "done": True}})


class UsageUnavailable(Exception):
    """The monitor gave no usable answer: unreachable, timed out, refused the key or answered an error."""
