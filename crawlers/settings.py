"""Scrapy settings for live crawling: polite by default.

``local_overrides()`` relaxes politeness for loopback mirrors (replay archives, tests), where
throttling to one page a second would only slow us down and there is nobody to be polite to.
"""

BOT_NAME = "skillpulse"
SPIDER_MODULES = ["crawlers.spiders"]
USER_AGENT = "SkillPulse/0.1 (+https://github.com/skillpulse/skillpulse; job-market research)"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
# Job APIs answer in a few MB at most; anything far bigger is a mistake or an attack.
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Retries wait: Retry-After when the server sends one, else exponential backoff from this base.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.backoff_retry.BackoffRetryMiddleware": 550,
    # Outermost but for the downloader itself, so it records what the server really sent.
    "crawlers.middlewares.record.RecordMiddleware": 950,
}
SKILLPULSE_RETRY_BACKOFF_BASE = 5.0
SKILLPULSE_RETRY_MAX_WAIT = 600.0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

ITEM_PIPELINES = {
    "crawlers.pipelines.normalise.NormalisePipeline": 100,
    "crawlers.pipelines.required_fields.RequiredFieldsPipeline": 200,
    "crawlers.pipelines.text_safety.TextSafetyPipeline": 900,
}
# Records a crawl cannot take go to SKILLPULSE_QUARANTINE_FILE (set by crawlers/run.py), never lost.
EXTENSIONS = {"crawlers.extensions.quarantine.QuarantineExtension": 100}
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
LOGSTATS_INTERVAL = 30.0


def local_overrides() -> dict:
    return {
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "CONCURRENT_REQUESTS": 16,
        "DOWNLOAD_TIMEOUT": 15,
        "RETRY_TIMES": 2,
        "SKILLPULSE_RETRY_BACKOFF_BASE": 0.2,
        "SKILLPULSE_RETRY_MAX_WAIT": 5.0,
    }
