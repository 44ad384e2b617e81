from crawlers.parsers import arbeitnow
from crawlers.spiders.base import JsonApiSpider


class ArbeitnowSpider(JsonApiSpider):
    name = "arbeitnow"
    live_base_url = "https://www.arbeitnow.com"
    api_paths = ["/api/job-board-api"]
    parser = arbeitnow
