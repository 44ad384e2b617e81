"""Retries that wait: honour ``Retry-After`` on 429/503, otherwise back off exponentially.

Scrapy's own RetryMiddleware re-queues at once, which is exactly what a rate-limited API does not
want. This one computes the wait (pure ``retry_delay``), logs it, counts it in the stats and
sleeps without blocking the reactor before handing back the retry request.
"""

from __future__ import annotations

import asyncio
import random
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message


def retry_delay(retry_after: bytes | str | None, attempt: int, *, base: float, cap: float,
                now: datetime | None = None, jitter: float = 0.25) -> float:
    """Seconds to wait before retry number ``attempt`` (1-based).

    ``Retry-After`` (seconds or an HTTP date) wins when present and sane; otherwise
    ``base * 2**(attempt-1)`` with +-``jitter`` spread. Always within [0, cap].
    """
    if isinstance(retry_after, bytes):
        retry_after = retry_after.decode("latin-1", "replace")
    if retry_after:
        value = retry_after.strip()
        if value.isdigit():
            return min(float(value), cap)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            when = None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=timezone.utc)
            seconds = (when - (now or datetime.now(timezone.utc))).total_seconds()
            return min(max(seconds, 0.0), cap)
    delay = base * 2 ** max(attempt - 1, 0)
    delay *= 1 + random.uniform(-jitter, jitter)
    return min(max(delay, 0.0), cap)


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("SKILLPULSE_RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("SKILLPULSE_RETRY_MAX_WAIT", 600.0)

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response  # gave up; the base class logged it at RETRY_GIVE_UP_LOG_LEVEL
        attempt = retry.meta.get("retry_times", 1)
        delay = retry_delay(response.headers.get("Retry-After"), attempt, base=self.base, cap=self.cap)
        stats = self.crawler.stats
        stats.inc_value("skillpulse/retry_wait_seconds", round(delay, 3))
        if response.headers.get("Retry-After"):
            stats.inc_value("skillpulse/retry_after_honoured")
        self.crawler.spider.logger.info(
            "HTTP %d from %s: retry %d in %.1fs%s", response.status, request.url, attempt, delay,
            " (Retry-After)" if response.headers.get("Retry-After") else "",
        )
        await asyncio.sleep(delay)
        return retry
