from crawlers.parsers import lever
from crawlers.spiders.greenhouse import CompanyBoardSpider


class LeverSpider(CompanyBoardSpider):
    """Lever's public Postings API, one request per company (site name)."""

    name = "lever"
    live_base_url = "https://api.lever.co"
    board_path = "/v0/postings/{token}?mode=json"
    parser = lever
