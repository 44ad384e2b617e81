from crawlers.parsers import jobicy
from crawlers.spiders.base import JsonApiSpider


class JobicySpider(JsonApiSpider):
    name = "jobicy"
    live_base_url = "https://jobicy.com"
    api_paths = ["/api/v2/remote-jobs"]
    parser = jobicy
