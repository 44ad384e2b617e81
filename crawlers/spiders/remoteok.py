from crawlers.parsers import remoteok
from crawlers.spiders.base import JsonApiSpider


class RemoteOKSpider(JsonApiSpider):
    """RemoteOK's public API: one JSON array, legal notice first. Link back and credit Remote OK."""

    name = "remoteok"
    live_base_url = "https://remoteok.com"
    api_paths = ["/api"]
    parser = remoteok
