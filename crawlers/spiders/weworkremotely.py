from crawlers.parsers import weworkremotely
from crawlers.spiders.base import JsonApiSpider


class WeWorkRemotelySpider(JsonApiSpider):
    """We Work Remotely's public RSS feed of all remote jobs (the category feeds are subsets)."""

    name = "weworkremotely"
    live_base_url = "https://weworkremotely.com"
    api_paths = ["/remote-jobs.rss"]
    parser = weworkremotely
