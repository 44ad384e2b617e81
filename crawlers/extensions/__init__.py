"""Scrapy extensions of the project (enabled in crawlers/settings.py)."""
