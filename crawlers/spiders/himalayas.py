from crawlers.parsers import himalayas
from crawlers.spiders.base import JsonApiSpider


class HimalayasSpider(JsonApiSpider):
    name = "himalayas"
    live_base_url = "https://himalayas.app"
    api_paths = ["/jobs/api"]
    parser = himalayas
