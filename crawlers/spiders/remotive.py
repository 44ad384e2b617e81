from crawlers.parsers import remotive
from crawlers.spiders.base import JsonApiSpider


class RemotiveSpider(JsonApiSpider):
    """Remotive's public API: every current remote job in one response (poll <= 4 times a day)."""

    name = "remotive"
    live_base_url = "https://remotive.com"
    api_paths = ["/api/remote-jobs"]
    query_args = ("category", "search", "limit")
    parser = remotive
