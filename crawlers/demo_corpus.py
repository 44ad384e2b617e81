"""Deterministic generator of the SkillPulse DEMO corpus.

``skillpulse demo`` serves the payload built here from 127.0.0.1 at the exact path of the live
Remotive API (``/api/remote-jobs``), so the real Remotive spider crawls it like the live site.
Everything is fictional (companies, people, postings) but shaped like Remotive's public API
response: same envelope keys, same job keys and value types, same field styles
(``publication_date`` without timezone, free-text ``salary``, HTML ``description``).

What is planted, on purpose, so the dashboard has something to show:

* ``PLANTED_TRENDS`` — skills whose mention probability is a logistic function of the week
  (rising: near zero in the first weeks, common at the end; falling: the reverse). The curves are
  defined on the *relative* position in the window, so any ``weeks`` value gives the same shape.
* ``PLANTED_EMERGING_TERMS`` — phrases that appear only in the last months of the window: "RAG"
  and "AI agents" (the taxonomy knows them as Retrieval-Augmented Generation and AI Agents, so they
  show up as *emerging* skills) and "EvalForge", a fictional tool the taxonomy does not know, for
  the new-term discovery. Their postings first name them within the last 26 weeks.
* The rising and falling curves change fastest around the boundary of the last two 13-week
  windows (midpoints 0.70–0.78 of the window), so the dashboard's 13-week comparison sees them as
  significantly rising or declining overall and within the big role families.
* ``DISTRACTORS`` — sentences with words that look like skills but are not ("we go live in May",
  "our Swift response times") in roughly 10% of postings; a good extractor must not count them.
* Surface forms and aliases as real postings write them (``SURFACE_FORMS``: "Postgres", "k8s",
  "LLMs", "Golang", ...).

Pure standard library; no Scrapy, spaCy or clock access inside the builders: the same arguments
always give the same payload (``random.Random(seed)`` only).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import html
import itertools
import json
import math
import random
import re
from pathlib import Path
from typing import Any

__all__ = [
    "PLANTED_TRENDS",
    "PLANTED_EMERGING_TERMS",
    "SURFACE_FORMS",
    "DISTRACTORS",
    "CATEGORIES",
    "build_remotive_payload",
    "build_remotive_payload_with_truth",
    "write_remotive_payload",
]

# --------------------------------------------------------------------------------------------
# Planted signals
# --------------------------------------------------------------------------------------------

PLANTED_TRENDS: dict[str, str] = {
    "LangChain": "rising",
    "Large Language Models": "rising",
    "Prompt Engineering": "rising",
    "jQuery": "falling",
    "AngularJS": "falling",
    "Python": "stable",
    "SQL": "stable",
    "React": "stable",
    "AWS": "stable",
    "Docker": "stable",
    "Figma": "stable",
    "SEO": "stable",
    "Salesforce": "stable",
}

PLANTED_EMERGING_TERMS: dict[str, str] = {
    "RAG": "rising",
    "AI agents": "rising",
    "EvalForge": "rising",
}

# canonical skill -> ((surface form, weight), ...). Every string that is written into a posting
# for a skill is one of these forms (possibly lower-cased inside a sentence).
_FORMS: dict[str, tuple[tuple[str, int], ...]] = {
    "Python": (("Python", 1),),
    "JavaScript": (("JavaScript", 1),),
    "TypeScript": (("TypeScript", 1),),
    "React": (("React", 7), ("React.js", 2), ("ReactJS", 1)),
    "Node.js": (("Node.js", 7), ("NodeJS", 3)),
    "Vue.js": (("Vue.js", 6), ("Vue", 4)),
    "AngularJS": (("AngularJS", 7), ("Angular.js", 3)),
    "Angular": (("Angular", 1),),
    "jQuery": (("jQuery", 1),),
    "PHP": (("PHP", 1),),
    "WordPress": (("WordPress", 1),),
    "Laravel": (("Laravel", 1),),
    "Django": (("Django", 1),),
    "Flask": (("Flask", 1),),
    "FastAPI": (("FastAPI", 1),),
    "Ruby on Rails": (("Ruby on Rails", 6), ("Rails", 4)),
    "Go": (("Go", 5), ("Golang", 5)),
    "Rust": (("Rust", 1),),
    "Java": (("Java", 1),),
    "Kotlin": (("Kotlin", 1),),
    "Swift": (("Swift", 1),),
    "SQL": (("SQL", 1),),
    "PostgreSQL": (("PostgreSQL", 6), ("Postgres", 4)),
    "MySQL": (("MySQL", 1),),
    "MongoDB": (("MongoDB", 8), ("Mongo", 2)),
    "Redis": (("Redis", 1),),
    "AWS": (("AWS", 8), ("Amazon Web Services", 2)),
    "Google Cloud Platform": (("GCP", 5), ("Google Cloud Platform", 3), ("Google Cloud", 2)),
    "Microsoft Azure": (("Azure", 7), ("Microsoft Azure", 3)),
    "Docker": (("Docker", 1),),
    "Kubernetes": (("Kubernetes", 8), ("k8s", 2)),
    "Terraform": (("Terraform", 1),),
    "CI/CD": (("CI/CD", 1),),
    "GitHub Actions": (("GitHub Actions", 1),),
    "Linux": (("Linux", 1),),
    "LangChain": (("LangChain", 1),),
    "Large Language Models": (("LLMs", 5), ("large language models", 3), ("LLM", 2)),
    "Prompt Engineering": (("prompt engineering", 1),),
    "PyTorch": (("PyTorch", 1),),
    "TensorFlow": (("TensorFlow", 1),),
    "Machine Learning": (("machine learning", 1),),
    "pandas": (("pandas", 1),),
    "dbt": (("dbt", 1),),
    "Apache Spark": (("Apache Spark", 5), ("Spark", 5)),
    "Snowflake": (("Snowflake", 1),),
    "Tableau": (("Tableau", 1),),
    "Power BI": (("Power BI", 1),),
    "Microsoft Excel": (("Excel", 7), ("Microsoft Excel", 3)),
    "Figma": (("Figma", 1),),
    "Adobe Photoshop": (("Photoshop", 6), ("Adobe Photoshop", 4)),
    "Adobe Illustrator": (("Illustrator", 6), ("Adobe Illustrator", 4)),
    "UX Design": (("UX design", 7), ("user experience design", 3)),
    "SEO": (("SEO", 8), ("search engine optimization", 2)),
    "Google Analytics": (("Google Analytics", 7), ("GA4", 3)),
    "Google Ads": (("Google Ads", 1),),
    "Content Marketing": (("content marketing", 1),),
    "Copywriting": (("copywriting", 1),),
    "Technical Writing": (("technical writing", 1),),
    "HubSpot": (("HubSpot", 1),),
    "Salesforce": (("Salesforce", 1),),
    "Shopify": (("Shopify", 1),),
    "Zendesk": (("Zendesk", 1),),
    "Jira": (("Jira", 1),),
    "Agile": (("Agile", 1),),
    "Scrum": (("Scrum", 1),),
    "Project Management": (("project management", 1),),
    "Communication": (("communication skills", 6), ("communication", 4)),
    "Bookkeeping": (("bookkeeping", 1),),
    "QuickBooks": (("QuickBooks", 7), ("QuickBooks Online", 3)),
}

SURFACE_FORMS: dict[str, tuple[str, ...]] = {k: tuple(f for f, _ in v) for k, v in _FORMS.items()}

# Remotive-style tag for each skill (the API's tags are short, mostly lower-case keywords).
_TAG = {
    "Node.js": "nodejs", "Vue.js": "vue", "Ruby on Rails": "ruby on rails", "Go": "golang",
    "AWS": "AWS", "Google Cloud Platform": "GCP", "Microsoft Azure": "azure", "CI/CD": "CI/CD",
    "GitHub Actions": "github", "Large Language Models": "LLM", "Machine Learning": "machine learning",
    "Apache Spark": "spark", "Microsoft Excel": "excel", "Adobe Photoshop": "photoshop",
    "Adobe Illustrator": "illustrator", "UX Design": "UI/UX", "SEO": "SEO", "SQL": "sql",
    "PHP": "php",
}

# Sentences that contain a skill-looking word that is NOT a skill mention, and the taxonomy skill it
# could be mistaken for (None: a lookalike of a skill outside the taxonomy, e.g. Spring, Impact).
# Inserted verbatim (HTML-escaped) into ~10% of descriptions.
DISTRACTORS: dict[str, str | None] = {
    "We go live in May with the redesigned platform, so you'll join at an exciting moment.": "Go",
    "You excel at communication with clients and keep them in the loop without being asked.": "Microsoft Excel",
    "You'll help us get everything ready for our spring launch.": None,
    "This is a chance to make an impact from your very first week.": None,
    "Customers love our Swift response times, and we intend to keep it that way.": "Swift",
    "Go-getters who like to own problems end to end will feel at home here.": "Go",
    "Feel free to shake off the rust on tools you haven't touched in a while; we budget time for learning.": "Rust",
    "Some of our best ideas started as a spark in a Friday demo.": "Apache Spark",
    "You'll excel here if you like turning vague requests into clear plans.": "Microsoft Excel",
    "Our hiring process is short and swift: two calls and a paid trial task.": "Swift",
    "You'll keep client projects from going off the rails when priorities shift.": "Ruby on Rails",
}
# distractor sentences that also contain a genuine soft-skill mention
_DISTRACTOR_TRUTH = {
    "You excel at communication with clients and keep them in the loop without being asked.": ("Communication",),
}

# --------------------------------------------------------------------------------------------
# Trend curves
# --------------------------------------------------------------------------------------------


class _Trend:
    __slots__ = ("start", "end", "mid", "width", "cats", "kinds", "exclude_kinds")

    def __init__(self, start, end, mid, width, cats, kinds=None, exclude_kinds=()):
        self.start, self.end, self.mid, self.width = start, end, mid, width
        self.cats = cats  # category name -> multiplier
        self.kinds = frozenset(kinds) if kinds else None  # role kinds required (any of), or None
        self.exclude_kinds = frozenset(exclude_kinds)

    def probability(self, t: float, category: str, kinds: frozenset) -> float:
        factor = self.cats.get(category, 0.0)
        if factor <= 0.0:
            return 0.0
        if self.kinds is not None and not (self.kinds & kinds):
            return 0.0
        if self.exclude_kinds & kinds:
            return 0.0
        s = 1.0 / (1.0 + math.exp(-(t - self.mid) / self.width))
        return min(0.97, factor * (self.start + (self.end - self.start) * s))


_TRENDS: dict[str, _Trend] = {
    "Large Language Models": _Trend(
        0.03, 0.75, 0.72, 0.075,
        {"AI / ML": 1.0, "Software Development": 0.6, "Data Analysis": 0.55, "Product": 0.55,
         "Writing": 0.5, "Marketing": 0.4, "Customer Service": 0.4, "QA": 0.4, "Design": 0.3,
         "DevOps / Sysadmin": 0.3, "Sales / Business": 0.25, "Finance / Legal": 0.12},
    ),
    "LangChain": _Trend(
        0.03, 0.85, 0.76, 0.065,
        {"AI / ML": 1.0, "Software Development": 0.65, "Data Analysis": 0.5,
         "DevOps / Sysadmin": 0.3, "Product": 0.3, "QA": 0.2},
        exclude_kinds=("mobile", "annotation", "it"),
    ),
    "Prompt Engineering": _Trend(
        0.045, 0.62, 0.78, 0.06,
        {"AI / ML": 1.0, "Writing": 0.85, "Marketing": 0.65, "Customer Service": 0.6, "Product": 0.45,
         "Design": 0.35, "Sales / Business": 0.35, "QA": 0.3, "Data Analysis": 0.25,
         "Software Development": 0.45, "Finance / Legal": 0.1},
    ),
    "jQuery": _Trend(
        0.90, 0.01, 0.72, 0.085,
        {"Software Development": 1.0, "Design": 0.8, "QA": 0.7, "Marketing": 0.6, "Product": 0.2},
        kinds=("web",),
    ),
    "AngularJS": _Trend(
        0.92, 0.01, 0.70, 0.08,
        {"Software Development": 1.0, "QA": 0.8, "Product": 0.3},
        kinds=("web", "enterprise", "qa"),
    ),
}

_EMERGING: dict[str, _Trend] = {
    "RAG": _Trend(
        0.0, 0.40, 0.80, 0.05,
        {"AI / ML": 1.0, "Software Development": 0.5, "Data Analysis": 0.5},
        exclude_kinds=("mobile", "annotation"),
    ),
    "AI agents": _Trend(
        0.0, 0.35, 0.84, 0.045,
        {"AI / ML": 1.0, "Software Development": 0.4, "Product": 0.4, "Customer Service": 0.3},
        exclude_kinds=("mobile", "annotation"),
    ),
    # A fictional LLM evaluation tool no taxonomy knows: what new-skill discovery should surface.
    "EvalForge": _Trend(
        0.0, 0.30, 0.83, 0.045,
        {"AI / ML": 1.0, "QA": 0.6, "Software Development": 0.35, "Data Analysis": 0.3},
        exclude_kinds=("mobile", "annotation"),
    ),
}
_EMERGING_PHRASES = {
    "RAG": (
        "Experience building retrieval-augmented generation (RAG) pipelines over messy, real documents",
        "You've put a RAG system in front of real users and measured whether it helped",
        "Familiarity with RAG patterns: chunking, embeddings, re-ranking",
    ),
    "AI agents": (
        "Experience building AI agents that call tools and internal APIs safely",
        "An interest in how AI agents change day-to-day workflows",
        "You've evaluated AI agents against real tasks, not just demos",
    ),
    # {x}: one of the posting's own technical skills (already planted, so the truth is unchanged); a
    # new tool is written next to known ones, which is how discovery tells it from a city or a company.
    "EvalForge": (
        "Hands-on experience with EvalForge and {x}",
        "You've written evaluation suites in EvalForge for {x} services",
        "Familiarity with {x} and EvalForge, or another way of testing model output",
    ),
}

# --------------------------------------------------------------------------------------------
# Companies (all fictional)
# --------------------------------------------------------------------------------------------

_COMPANIES = (  # (name, what it does) - all invented
    ("Northwind Labs", "builds scheduling and billing software for independent clinics"),
    ("Bluefern Analytics", "helps mid-sized retailers forecast demand and keep shelves stocked"),
    ("Cobalt Harbor", "runs a marketplace that connects small manufacturers with industrial buyers"),
    ("Larkspur Health", "builds telehealth software for physiotherapists and their patients"),
    ("Tidewater Software", "makes project tracking software for construction firms"),
    ("Quillfeather", "publishes independent guides for personal finance and investing"),
    ("Brightloom Learning", "builds learning tools that help adults finish professional certifications"),
    ("Ember & Oak Studio", "designs websites and brands for independent hotels and restaurants"),
    ("Saltbox Commerce", "gives small brands everything they need to sell online"),
    ("Copperline Systems", "builds monitoring software for electrical utilities"),
    ("Driftwood Media", "runs a network of travel and outdoor publications"),
    ("Meadowlark Finance", "makes payroll and benefits simple for teams spread across many countries"),
    ("Ironbark Robotics", "builds software for warehouse robots"),
    ("Pinecrest Logistics", "helps logistics companies plan routes and track freight in real time"),
    ("Foxglove Collective", "is a marketing agency for mission-driven consumer brands"),
    ("Harborlight", "helps nonprofits manage donors, grants and volunteers in one place"),
    ("Juniper Row", "runs an online store for sustainable home goods"),
    ("Kestrel Cloud", "provides managed hosting for agencies and their clients"),
    ("Moonbeam Games", "makes cozy mobile games played by millions"),
    ("Nimbus Field", "builds weather and soil insights for farmers"),
    ("Orchard & Vine", "runs a subscription service for small-producer wines"),
    ("Pebblestone Works", "builds field-service software for plumbers and electricians"),
    ("Redwood Hollow", "makes booking software for outdoor adventure companies"),
    ("Silverpine Insurance", "helps insurance brokers quote and bind policies online"),
    ("Thistle Travel", "operates a travel booking platform for group trips"),
    ("Umberfield Energy", "makes home energy audits fast and affordable"),
    ("Wildgrain Foods", "sells healthy snacks directly to consumers and offices"),
    ("Yellowtail Payments", "builds payment infrastructure for online marketplaces"),
    ("Zephyr Mobility", "runs shared e-bike fleets in mid-sized cities"),
    ("Alderbrook", "builds a customer feedback platform used by product teams"),
    ("Bramblecourt Legal", "makes document automation software for law firms"),
    ("Cindertrail", "builds developer tooling for teams that ship mobile apps"),
    ("Dovetail Clinics", "runs a network of virtual mental health clinics"),
    ("Eastwick Data Co.", "helps public agencies publish and analyse open data"),
    ("Fernhill Academy", "offers live online courses for working professionals"),
    ("Glasswing Security", "builds security monitoring for small IT teams"),
    ("Hollowpine Studio", "is a small product studio building apps for startups"),
    ("Inkwell & Co.", "is a content agency writing for B2B technology companies"),
    ("Jadestone Retail", "runs a chain of jewelry stores and a growing online shop"),
    ("Kinfolk Pets", "delivers pet food and care products on subscription"),
    ("Lanternfish Labs", "builds research tools for ocean scientists"),
    ("Marigold Money", "helps freelancers handle invoices, taxes and savings"),
    ("Nettlebridge", "builds procurement software for mid-sized manufacturers"),
    ("Oakum Freight", "is a digital freight forwarder for small importers"),
    ("Paperkite", "makes a writing app for students and teachers"),
    ("Quarry Lane", "builds estimating software for landscaping businesses"),
    ("Rookery Media", "produces podcasts and newsletters about science"),
    ("Sandpiper Health", "builds patient intake software for dental practices"),
    ("Tallgrass Analytics", "helps consumer brands understand their customers"),
    ("Upland Homes", "helps first-time buyers find and finance a home"),
    ("Vellum Docs", "makes collaborative documentation software"),
    ("Waxwing Audio", "builds audio plugins for musicians and producers"),
    ("Yarrow Bio", "builds lab management software for biotech startups"),
    ("Zinnia Beauty", "sells clean skincare through its own online store"),
    ("Acornsoft", "builds accounting software for small businesses"),
    ("Bellwether Civic", "builds tools that help cities engage residents"),
    ("Crowfoot Apps", "is an agency building web and mobile apps for clients"),
    ("Dunmore Capital", "is an investment firm focused on small software businesses"),
    ("Everglow Solar", "helps homeowners plan and finance solar installations"),
    ("Flintlock HR", "builds hiring and onboarding software for growing teams"),
)

_TEAM_SENTENCES = (
    "We're a remote-first team of {n} people spread across {region}.",
    "We are {n} people, fully distributed, and profitable since {year}.",
    "Our team of {n} works asynchronously across {region}, with a few overlapping hours a day.",
    "The company is {n} people today and has grown steadily every year since {year}.",
    "We're a small, fully remote team ({n} people) that values calm, focused work.",
)
_REGIONS = ("the Americas and Europe", "twelve countries", "North America", "Europe and Latin America",
            "four continents", "Europe")

# --------------------------------------------------------------------------------------------
# Categories and roles
# --------------------------------------------------------------------------------------------


def _role(weight, titles, core, kinds, duties, missions, extras=(), tags=(), pay=(70, 100),
          contract=0.35, freelance_share=0.4, artifact="links to two or three projects you're proud of",
          seniority="tech"):
    return {
        "weight": weight, "titles": titles, "core": core, "kinds": frozenset(kinds), "duties": duties,
        "missions": missions, "extras": extras, "tags": tags, "pay": pay, "contract": contract,
        "freelance_share": freelance_share, "artifact": artifact, "seniority": seniority,
    }


# core entries: (skill, probability) or ((skill, skill, ...), probability, (weights...))
CATEGORIES: dict[str, dict[str, Any]] = {
    "Software Development": {
        "slug": "software-development", "weight": 30,
        "roles": [
            _role(20, ("{sen}Python Developer", "{sen}Backend Engineer (Python)", "{sen}Python / {p2} Engineer",
                       "{sen}Backend Developer"),
                  [("Python", 1.0), (("Django", "FastAPI", "Flask"), 0.9, (5, 4, 2)),
                   (("PostgreSQL", "MySQL", "MongoDB"), 0.8, (6, 2, 2)), ("Redis", 0.3), ("AWS", 0.5),
                   ("Docker", 0.5), ("Kubernetes", 0.15), ("CI/CD", 0.3), ("SQL", 0.25), ("Linux", 0.15),
                   ("Communication", 0.25), ("Agile", 0.15)],
                  ("backend", "python"),
                  ("Design, build and maintain the APIs behind our web and mobile apps",
                   "Own features end to end, from technical design to monitoring in production",
                   "Review pull requests and help keep the codebase simple and well tested",
                   "Improve performance and reliability of our background jobs",
                   "Work with product and design to scope work into small, shippable pieces",
                   "Write clear technical notes so decisions are easy to follow later",
                   "Take part in a light, fair on-call rotation"),
                  ("help us scale the backend that thousands of customers rely on every day",
                   "own a core part of our API and data model",
                   "build the services behind our next product line"),
                  ("Experience designing REST or GraphQL APIs", "Familiarity with Celery or another task queue",
                   "Comfortable with Git, code review and trunk-based development"),
                  ("backend", "api"), (85, 130)),
            _role(20, ("{sen}Frontend Engineer ({p1})", "{sen}{p1} Developer", "{sen}Front-End Developer",
                       "{sen}UI Engineer"),
                  [(("React", "Vue.js", "Angular"), 1.0, (6, 3, 2)), ("JavaScript", 0.75), ("TypeScript", 0.7),
                   ("Figma", 0.25), ("Node.js", 0.2), ("CI/CD", 0.15), ("Communication", 0.3),
                   ("UX Design", 0.1)],
                  ("web", "frontend"),
                  ("Build fast, accessible interfaces for our customer-facing web app",
                   "Turn designs into reusable components and keep our design system healthy",
                   "Work closely with designers on interaction details and edge cases",
                   "Improve page performance and Core Web Vitals",
                   "Write unit and end-to-end tests for the features you ship",
                   "Help us pay down front-end debt one release at a time"),
                  ("build the interfaces our customers use every day",
                   "own the front end of our self-serve product",
                   "help rebuild our dashboard into something people enjoy using"),
                  ("An eye for accessibility (WCAG) and web performance",
                   "Experience with Tailwind CSS or a component library",
                   "Experience with Next.js or another SSR framework"),
                  ("frontend", "css", "html"), (80, 120)),
            _role(18, ("{sen}Full-Stack Engineer", "{sen}Full-Stack Developer ({p1} / {p2})",
                       "{sen}Full-Stack Engineer ({p2})", "{sen}Software Engineer, Full Stack"),
                  [(("React", "Vue.js"), 0.95, (7, 3)), ("Node.js", 0.9), ("TypeScript", 0.7),
                   ("JavaScript", 0.55), (("PostgreSQL", "MongoDB", "MySQL"), 0.75, (5, 3, 2)), ("AWS", 0.4),
                   ("Docker", 0.4), ("GitHub Actions", 0.2), ("Redis", 0.15), ("Communication", 0.25)],
                  ("web", "fullstack", "backend"),
                  ("Ship features across the stack, from database migrations to UI polish",
                   "Design APIs together with the people who consume them",
                   "Keep our test suite fast and our deploys boring",
                   "Talk directly to customers when a feature needs context",
                   "Improve observability so problems are found before customers notice",
                   "Mentor other engineers through pairing and thoughtful reviews"),
                  ("ship product features across our whole stack",
                   "join a small product team that owns its roadmap end to end",
                   "help build the first version of our partner portal"),
                  ("Experience with GraphQL", "Familiarity with serverless functions",
                   "Comfortable with Git and code review"),
                  ("fullstack", "frontend", "backend"), (85, 130)),
            _role(12, ("{sen}PHP Developer", "{sen}{p1} Developer", "{sen}Web Developer ({p1})",
                       "{sen}Backend Developer (PHP)"),
                  [(("Laravel", "WordPress", "PHP"), 1.0, (5, 4, 2)), ("PHP", 0.95), ("MySQL", 0.7),
                   ("JavaScript", 0.5), ("Vue.js", 0.15), ("Linux", 0.2), ("Docker", 0.2), ("SEO", 0.1)],
                  ("web", "php", "backend"),
                  ("Build and maintain client websites and internal tools",
                   "Turn designs into pixel-perfect, responsive pages",
                   "Keep plugins, dependencies and servers up to date and secure",
                   "Debug production issues and communicate clearly about fixes",
                   "Estimate work and keep clients informed on progress",
                   "Improve page speed and hosting costs across our sites"),
                  ("maintain and extend a portfolio of client sites",
                   "help us rebuild our booking platform",
                   "own the web platform behind our content business"),
                  ("Experience with Composer and modern package tooling", "A good eye for layout and typography",
                   "Experience with REST APIs and third-party integrations"),
                  ("php", "web development"), (55, 90), contract=0.5),
            _role(9, ("{sen}Backend Engineer ({p1})", "{sen}{p1} Developer", "{sen}Platform Engineer"),
                  [("Go", 1.0), (("PostgreSQL", "MySQL"), 0.65, (4, 1)), ("Kubernetes", 0.5), ("Docker", 0.5),
                   (("AWS", "Google Cloud Platform"), 0.55, (3, 2)), ("Redis", 0.3), ("Linux", 0.3),
                   ("Terraform", 0.15)],
                  ("backend",),
                  ("Build high-throughput services that handle millions of events a day",
                   "Design clear service boundaries and well-documented APIs",
                   "Own the reliability of the services you build, with sensible alerts",
                   "Profile and optimize hot paths",
                   "Contribute to architecture discussions with written proposals",
                   "Help grow our internal tooling and libraries"),
                  ("build the event pipeline at the heart of our product",
                   "scale our core services for the next ten times more traffic",
                   "join the platform team that every product team depends on"),
                  ("Experience with gRPC and protocol buffers", "Familiarity with Kafka or NATS",
                   "Experience with distributed tracing"),
                  ("backend", "microservices"), (100, 150)),
            _role(7, ("{sen}Ruby on Rails Developer", "{sen}Rails Engineer", "{sen}Full-Stack Rails Engineer"),
                  [("Ruby on Rails", 1.0), ("PostgreSQL", 0.7), ("Redis", 0.35), ("JavaScript", 0.4),
                   ("React", 0.25), ("AWS", 0.3), ("Docker", 0.2), ("CI/CD", 0.2)],
                  ("web", "backend"),
                  ("Build product features in a mature, well-tested monolith",
                   "Improve the performance of slow endpoints and background jobs",
                   "Pair with teammates on tricky problems",
                   "Keep dependencies current and upgrades uneventful",
                   "Help shape our engineering practices as the team grows"),
                  ("help us grow a profitable product that customers love",
                   "own features in our main application from idea to production"),
                  ("Experience with Hotwire or Stimulus", "Familiarity with Sidekiq"),
                  ("ruby", "backend"), (90, 135)),
            _role(8, ("{sen}Java Developer", "{sen}Backend Engineer ({p1})", "{sen}Software Engineer ({p1})"),
                  [(("Java", "Kotlin"), 1.0, (7, 3)), ("SQL", 0.4), (("PostgreSQL", "MySQL"), 0.5, (1, 1)),
                   (("AWS", "Microsoft Azure"), 0.5, (1, 1)), ("Kubernetes", 0.3), ("Docker", 0.4),
                   ("CI/CD", 0.3), ("Agile", 0.3), ("Jira", 0.15)],
                  ("backend", "enterprise"),
                  ("Build and maintain services for our enterprise customers",
                   "Modernise older modules while keeping them running",
                   "Write integration tests and improve our release process",
                   "Work with architects on service design and data flows",
                   "Support production releases and incident reviews"),
                  ("strengthen the platform behind our enterprise product",
                   "help modernise a large, long-lived codebase"),
                  ("Experience with Kafka or RabbitMQ", "Understanding of domain-driven design",
                   "Experience with microservices"),
                  ("java", "backend"), (85, 125)),
            _role(8, ("{sen}Mobile Engineer ({p1})", "{sen}{p1} Mobile Developer", "{sen}Mobile App Developer"),
                  [(("Swift", "Kotlin"), 1.0, (1, 1)), ("CI/CD", 0.3), ("Figma", 0.2), ("Jira", 0.2),
                   ("Agile", 0.25), ("Communication", 0.2)],
                  ("mobile",),
                  ("Build and polish features in our native app",
                   "Own app releases, crash reporting and store reviews",
                   "Work with designers on smooth, accessible interactions",
                   "Improve app start time and offline behaviour",
                   "Write tests that make releases calm"),
                  ("build the app our customers open every morning",
                   "own the mobile experience for a growing user base"),
                  ("Experience publishing apps to the App Store and Google Play",
                   "Familiarity with Fastlane", "Experience with offline-first data sync"),
                  ("mobile", "ios", "android"), (90, 135)),
            _role(3, ("{sen}Rust Engineer", "{sen}Systems Engineer ({p1})"),
                  [("Rust", 1.0), ("Linux", 0.6), ("Go", 0.2), ("Docker", 0.3), ("AWS", 0.3),
                   ("Kubernetes", 0.2)],
                  ("backend", "systems"),
                  ("Build low-latency services and libraries",
                   "Profile, benchmark and optimise critical code paths",
                   "Design safe, well-documented public interfaces",
                   "Review code with a focus on correctness",
                   "Contribute to our open-source crates"),
                  ("build the performance-critical core of our product",),
                  ("Experience with async runtimes such as Tokio", "Open-source contributions"),
                  ("backend", "systems"), (110, 160)),
        ],
    },
    "AI / ML": {
        # 12 (not 7): enough AI/ML postings that the data & ML family has 30+ in each 13-week window
        "slug": "artificial-intelligence", "weight": 12,
        "roles": [
            _role(5, ("{sen}Machine Learning Engineer", "{sen}ML Engineer", "{sen}Applied Scientist"),
                  [("Python", 1.0), ("Machine Learning", 0.9), (("PyTorch", "TensorFlow"), 0.85, (6, 4)),
                   ("pandas", 0.4), (("AWS", "Google Cloud Platform"), 0.5, (1, 1)), ("Docker", 0.35),
                   ("Kubernetes", 0.15), ("SQL", 0.3), ("Apache Spark", 0.15)],
                  ("ai", "ml"),
                  ("Train, evaluate and ship models that improve core product metrics",
                   "Build reliable training and evaluation pipelines",
                   "Work with product managers to turn vague ideas into measurable experiments",
                   "Monitor models in production and fix drift before users notice",
                   "Share results in clear written reports"),
                  ("build the models behind our recommendations",
                   "take our forecasting models from notebooks to production"),
                  ("Experience with MLflow or Weights & Biases", "A degree in a quantitative field",
                   "Experience with feature stores"),
                  ("AI/ML", "data science"), (110, 165)),
            _role(5, ("{sen}AI Engineer", "{sen}Applied AI Engineer", "{sen}NLP Engineer"),
                  [("Python", 1.0), ("FastAPI", 0.35), ("Machine Learning", 0.35), ("PostgreSQL", 0.3),
                   ("AWS", 0.35), ("Docker", 0.3), ("TypeScript", 0.2)],
                  ("ai", "llm", "backend"),
                  ("Build AI features that solve real customer problems",
                   "Design evaluation sets and track quality over time",
                   "Balance accuracy, latency and cost in production",
                   "Work with designers on how AI features should behave when unsure",
                   "Write internal guides so other engineers can build on your work"),
                  ("build the AI features at the center of our roadmap",
                   "turn promising prototypes into dependable product features"),
                  ("Experience with vector search", "Familiarity with Hugging Face tooling"),
                  ("AI/ML", "NLP"), (120, 175)),
            _role(3, ("AI Training Data Specialist", "AI Response Evaluator", "Data Annotation Specialist",
                      "AI Writing Evaluator"),
                  [("Communication", 0.5), ("Microsoft Excel", 0.3), ("Python", 0.15)],
                  ("ai", "annotation", "content"),
                  ("Review and rate AI-generated answers against detailed guidelines",
                   "Write high-quality example answers for training",
                   "Flag factual errors, unsafe content and inconsistencies",
                   "Give structured feedback to the project leads"),
                  ("help improve the quality of AI systems used by millions",),
                  ("A degree or deep knowledge in a specialist field", "Strong attention to detail"),
                  ("AI/ML", "research"), (40, 60), contract=0.8, freelance_share=0.7,
                  artifact="a short note about your field of expertise", seniority="none"),
        ],
    },
    "Data Analysis": {
        "slug": "data", "weight": 8,
        "roles": [
            _role(5, ("{sen}Data Analyst", "{sen}Business Intelligence Analyst", "{sen}Product Analyst"),
                  [("SQL", 1.0), (("Tableau", "Power BI"), 0.8, (1, 1)), ("Microsoft Excel", 0.55),
                   ("Python", 0.45), ("pandas", 0.25), ("Google Analytics", 0.15), ("Snowflake", 0.2),
                   ("Communication", 0.35)],
                  ("data", "analytics"),
                  ("Answer business questions with clear, well-documented analyses",
                   "Build and maintain dashboards that leadership actually uses",
                   "Define metrics with stakeholders and keep definitions consistent",
                   "Spot trends and anomalies and explain what they mean",
                   "Present findings to non-technical audiences"),
                  ("turn our data into decisions", "help every team understand its numbers"),
                  ("Experience with Looker or Metabase", "A/B testing experience"),
                  ("analytics", "data analysis"), (65, 100)),
            _role(4, ("{sen}Data Engineer", "{sen}Analytics Engineer", "{sen}Data Platform Engineer"),
                  [("SQL", 0.9), ("dbt", 0.7), ("Snowflake", 0.55), ("Python", 0.8), ("Apache Spark", 0.35),
                   (("AWS", "Google Cloud Platform", "Microsoft Azure"), 0.5, (3, 2, 2)), ("Terraform", 0.1),
                   ("Docker", 0.2), ("GitHub Actions", 0.15)],
                  ("data", "engineering"),
                  ("Build reliable pipelines from product, billing and marketing sources",
                   "Model data so analysts can answer questions on their own",
                   "Add tests and monitoring so broken data is caught early",
                   "Keep warehouse costs under control",
                   "Document datasets and their owners"),
                  ("build the data platform the whole company relies on",
                   "make our warehouse trustworthy and easy to use"),
                  ("Experience orchestrating pipelines with Airflow or Dagster",
                   "Familiarity with data contracts"),
                  ("data engineering", "ETL"), (95, 140)),
            _role(2, ("{sen}Data Scientist",),
                  [("Python", 1.0), ("Machine Learning", 0.7), ("pandas", 0.7), ("SQL", 0.8),
                   (("PyTorch", "TensorFlow"), 0.2, (1, 1)), ("Tableau", 0.15), ("Apache Spark", 0.2)],
                  ("data", "ml"),
                  ("Build models that forecast demand and churn",
                   "Design and analyse experiments",
                   "Work with engineers to put models into production",
                   "Explain uncertainty honestly to decision makers"),
                  ("help us make better pricing and forecasting decisions",),
                  ("Experience with causal inference", "A degree in statistics or a related field"),
                  ("data science", "statistics"), (100, 145)),
        ],
    },
    "DevOps / Sysadmin": {
        "slug": "devops", "weight": 7,
        "roles": [
            _role(6, ("{sen}DevOps Engineer", "{sen}Site Reliability Engineer", "{sen}Cloud Engineer",
                      "{sen}Platform Engineer"),
                  [(("AWS", "Google Cloud Platform", "Microsoft Azure"), 1.0, (6, 2, 2)), ("Kubernetes", 0.8),
                   ("Terraform", 0.7), ("Docker", 0.7), ("CI/CD", 0.65), ("GitHub Actions", 0.3),
                   ("Linux", 0.6), ("Python", 0.4), ("Go", 0.2)],
                  ("infra",),
                  ("Run and improve our cloud infrastructure",
                   "Make deploys fast, safe and boring",
                   "Own monitoring, alerting and incident reviews",
                   "Reduce cloud spend without hurting reliability",
                   "Help product teams ship on the platform without friction",
                   "Automate repetitive operational work"),
                  ("keep our platform fast, secure and affordable",
                   "lead the next phase of our infrastructure"),
                  ("Experience with Prometheus and Grafana", "Security certifications such as CKS",
                   "Experience with Ansible"),
                  ("devops", "cloud", "SRE"), (100, 150)),
            _role(3, ("Linux Systems Administrator", "{sen}IT Support Engineer", "{sen}Systems Administrator"),
                  [("Linux", 0.9), ("Microsoft Azure", 0.5), ("AWS", 0.3), ("Docker", 0.3), ("Jira", 0.3),
                   ("Communication", 0.45), ("Python", 0.2)],
                  ("infra", "it"),
                  ("Manage laptops, accounts and access for a distributed team",
                   "Keep servers patched, backed up and monitored",
                   "Respond to internal support tickets",
                   "Document procedures so anyone can follow them",
                   "Help with security reviews and audits"),
                  ("keep our systems running and our people productive",),
                  ("Experience with Okta or Google Workspace administration", "ITIL certification"),
                  ("sysadmin", "IT"), (60, 95)),
        ],
    },
    "Design": {
        "slug": "design", "weight": 8,
        "roles": [
            _role(4, ("{sen}Product Designer", "{sen}UX/UI Designer", "{sen}UX Designer"),
                  [("Figma", 1.0), ("UX Design", 0.8), ("Adobe Illustrator", 0.15), ("Adobe Photoshop", 0.15),
                   ("Agile", 0.15), ("Jira", 0.15), ("Communication", 0.4)],
                  ("design", "product"),
                  ("Design flows from early sketches to polished, developer-ready files",
                   "Run lightweight user research and usability tests",
                   "Contribute to and maintain our design system",
                   "Work closely with engineers during implementation",
                   "Share work early and often for feedback"),
                  ("shape how customers experience our product", "own the design of our onboarding"),
                  ("Experience designing for accessibility", "Motion design skills"),
                  ("UI/UX", "product design"), (80, 120), artifact="a link to your portfolio"),
            _role(2, ("{sen}Graphic Designer", "{sen}Brand Designer", "Freelance Illustrator"),
                  [("Adobe Illustrator", 0.9), ("Adobe Photoshop", 0.85), ("Figma", 0.45),
                   ("Communication", 0.3)],
                  ("design", "brand"),
                  ("Create visuals for campaigns, social media and our website",
                   "Keep our brand consistent across every channel",
                   "Prepare files for print and digital",
                   "Work with marketers on briefs and timelines"),
                  ("give our brand a consistent, memorable look",),
                  ("Experience with Canva for quick social assets", "Basic motion graphics skills"),
                  ("graphic design", "branding"), (55, 85), contract=0.55, freelance_share=0.7,
                  artifact="a link to your portfolio"),
            _role(2, ("{sen}Web Designer", "Web Designer (Freelance)", "{sen}Webflow / Web Designer"),
                  [("Figma", 0.8), ("WordPress", 0.55), ("Shopify", 0.3), ("UX Design", 0.35),
                   ("JavaScript", 0.3), ("Adobe Photoshop", 0.35), ("SEO", 0.2)],
                  ("design", "web"),
                  ("Design and build landing pages and marketing sites",
                   "Keep pages fast, responsive and on brand",
                   "Work with copywriters on layout and hierarchy",
                   "Set up simple analytics and forms"),
                  ("design and launch our new marketing site",),
                  ("Experience with Webflow", "Basic HTML and CSS"),
                  ("web design", "landing pages"), (55, 85), contract=0.55, freelance_share=0.6,
                  artifact="a link to your portfolio"),
        ],
    },
    "Marketing": {
        "slug": "marketing", "weight": 9,
        "roles": [
            _role(4, ("{sen}SEO Specialist", "{sen}Content Marketing Manager", "{sen}SEO & Content Marketer"),
                  [("SEO", 0.9), ("Content Marketing", 0.75), ("Google Analytics", 0.65), ("WordPress", 0.45),
                   ("Copywriting", 0.35), ("HubSpot", 0.25), ("Microsoft Excel", 0.2)],
                  ("marketing", "content", "web"),
                  ("Plan and publish content that brings in qualified visitors",
                   "Run keyword research and content audits",
                   "Work with freelance writers and editors",
                   "Report on organic traffic and signups every month",
                   "Improve internal linking and page structure"),
                  ("grow organic traffic to our blog and product pages",),
                  ("Experience with Ahrefs or Semrush", "Experience in B2B SaaS"),
                  ("marketing", "content"), (60, 95), contract=0.4),
            _role(3, ("{sen}Performance Marketing Manager", "{sen}Paid Media Specialist", "{sen}Growth Marketer"),
                  [("Google Ads", 0.9), ("Google Analytics", 0.75), ("Microsoft Excel", 0.45), ("HubSpot", 0.25),
                   ("SQL", 0.15), ("Shopify", 0.25), ("SEO", 0.25)],
                  ("marketing", "growth"),
                  ("Plan, launch and optimise paid campaigns across channels",
                   "Own budgets and report on return on ad spend",
                   "Run creative and landing page tests",
                   "Work with design on new ad concepts"),
                  ("scale our paid acquisition profitably",),
                  ("Experience with Meta Ads", "Experience with Looker Studio"),
                  ("growth", "PPC"), (70, 105)),
            _role(2, ("{sen}Marketing Operations Manager", "{sen}Email Marketing Specialist", "{sen}Lifecycle Marketer"),
                  [("HubSpot", 0.9), ("Salesforce", 0.45), ("Microsoft Excel", 0.35), ("Google Analytics", 0.35),
                   ("Content Marketing", 0.25), ("Copywriting", 0.3)],
                  ("marketing", "ops"),
                  ("Build and maintain email journeys and lead scoring",
                   "Keep our marketing data clean and well documented",
                   "Report on funnel conversion every week",
                   "Work with sales on handoffs and attribution"),
                  ("make our marketing engine measurable",),
                  ("Experience with Mailchimp or Klaviyo", "Experience with Zapier"),
                  ("email marketing", "marketing automation"), (65, 100)),
            _role(2, ("{sen}E-commerce Marketing Manager", "Shopify Store Manager", "{sen}E-commerce Specialist"),
                  [("Shopify", 0.9), ("Google Ads", 0.45), ("SEO", 0.35), ("Adobe Photoshop", 0.25),
                   ("Copywriting", 0.3), ("Google Analytics", 0.45)],
                  ("marketing", "ecommerce", "web"),
                  ("Run day-to-day operations of our online store",
                   "Plan promotions, product launches and email campaigns",
                   "Keep product pages accurate and persuasive",
                   "Analyse sales data and suggest improvements"),
                  ("grow our direct-to-consumer store",),
                  ("Experience with Klaviyo", "Experience with marketplaces such as Amazon"),
                  ("ecommerce", "DTC"), (55, 85), contract=0.45),
        ],
    },
    "Writing": {
        "slug": "writing", "weight": 6,
        "roles": [
            _role(3, ("Freelance Copywriter", "{sen}Copywriter", "Conversion Copywriter (Freelance)"),
                  [("Copywriting", 1.0), ("SEO", 0.45), ("Content Marketing", 0.45), ("WordPress", 0.35),
                   ("HubSpot", 0.15)],
                  ("content", "writing"),
                  ("Write landing pages, emails and ad copy",
                   "Turn interviews with experts into clear, persuasive pages",
                   "Edit your own work and take feedback gracefully",
                   "Hit deadlines and keep editors updated"),
                  ("write copy that turns visitors into customers",),
                  ("Experience writing for B2B audiences", "A background in journalism"),
                  ("copywriting", "writing"), (50, 80), contract=0.7, freelance_share=0.75,
                  artifact="three writing samples", seniority="writer"),
            _role(2, ("{sen}Technical Writer", "Technical Writer (Contract)", "{sen}Documentation Engineer"),
                  [("Technical Writing", 1.0), ("Python", 0.2), ("Jira", 0.3), ("Agile", 0.2),
                   ("Communication", 0.4), ("SQL", 0.1)],
                  ("content", "docs"),
                  ("Write and maintain product and API documentation",
                   "Work with engineers to understand new features early",
                   "Keep docs accurate through every release",
                   "Improve structure and search so readers find answers fast"),
                  ("make our documentation the best part of our product",),
                  ("Experience with docs-as-code tools", "Experience with OpenAPI specifications"),
                  ("documentation", "writing"), (70, 105), contract=0.5,
                  artifact="links to documentation you've written", seniority="writer"),
            _role(2, ("Freelance Content Writer", "{sen}Content Writer", "{sen}Editor"),
                  [("Content Marketing", 0.55), ("SEO", 0.55), ("Copywriting", 0.35), ("WordPress", 0.45),
                   ("Google Analytics", 0.15)],
                  ("content", "writing"),
                  ("Research and write long-form articles and guides",
                   "Interview customers and subject-matter experts",
                   "Edit drafts from other writers",
                   "Update older articles so they stay accurate"),
                  ("write articles our readers bookmark and share",),
                  ("Experience in personal finance or health topics", "A background in journalism"),
                  ("content writing", "editing"), (45, 75), contract=0.7, freelance_share=0.75,
                  artifact="three writing samples", seniority="writer"),
        ],
    },
    "Customer Service": {
        "slug": "customer-service", "weight": 8,
        "roles": [
            _role(4, ("Customer Support Specialist", "Customer Support Representative", "{sen}Support Specialist"),
                  [("Zendesk", 0.8), ("Communication", 0.9), ("Microsoft Excel", 0.25), ("Jira", 0.2),
                   ("Salesforce", 0.15), ("Shopify", 0.15)],
                  ("support",),
                  ("Answer customer questions by email and chat",
                   "Troubleshoot account and billing issues",
                   "Spot patterns in tickets and share them with the product team",
                   "Write and update help center articles",
                   "Keep a friendly, calm tone even on busy days"),
                  ("help our customers get the most out of our product",),
                  ("Experience with Intercom or Gorgias", "A second language"),
                  ("customer support", "customer service"), (38, 55), contract=0.25,
                  artifact="a few lines about a customer you helped", seniority="support"),
            _role(2, ("{sen}Technical Support Engineer", "{sen}Support Engineer"),
                  [("SQL", 0.5), ("Linux", 0.3), ("Zendesk", 0.55), ("Jira", 0.55), ("Communication", 0.7),
                   ("Python", 0.2)],
                  ("support", "technical"),
                  ("Investigate complex customer issues and reproduce bugs",
                   "Work with engineers on fixes and workarounds",
                   "Write clear bug reports",
                   "Improve internal tooling for the support team"),
                  ("be the technical voice of our support team",),
                  ("Experience with REST APIs and Postman", "Familiarity with log search tools"),
                  ("technical support", "customer service"), (55, 85), contract=0.2),
            _role(2, ("{sen}Customer Success Manager", "{sen}Onboarding Specialist"),
                  [("Salesforce", 0.55), ("HubSpot", 0.35), ("Communication", 0.8), ("Microsoft Excel", 0.35),
                   ("Zendesk", 0.25)],
                  ("support", "success"),
                  ("Onboard new customers and help them reach value quickly",
                   "Run regular check-ins with key accounts",
                   "Spot risks early and work on renewals",
                   "Share customer feedback with the product team"),
                  ("help our customers succeed and stay with us",),
                  ("Experience with Gainsight", "Experience in B2B SaaS"),
                  ("customer success", "account management"), (60, 90), contract=0.15),
        ],
    },
    "Product": {
        "slug": "product", "weight": 5,
        "roles": [
            _role(3, ("{sen}Product Manager", "{sen}Technical Product Manager", "{sen}Product Owner"),
                  [("Jira", 0.65), ("Agile", 0.55), ("Scrum", 0.3), ("SQL", 0.35), ("Figma", 0.3),
                   ("Communication", 0.6), ("Google Analytics", 0.2), ("Project Management", 0.2)],
                  ("product", "web"),
                  ("Talk to customers every week and turn what you learn into priorities",
                   "Write clear problem statements and specs",
                   "Work with design and engineering on scope and trade-offs",
                   "Define success metrics and follow up after launch",
                   "Keep stakeholders informed with short written updates"),
                  ("lead one of our core product areas",),
                  ("Experience with product analytics tools such as Amplitude", "A technical background"),
                  ("product management", "SaaS"), (100, 145), contract=0.2),
            _role(2, ("{sen}Project Manager", "{sen}Technical Project Manager", "{sen}Delivery Manager",
                      "Scrum Master"),
                  [("Project Management", 1.0), ("Jira", 0.7), ("Agile", 0.65), ("Scrum", 0.55),
                   ("Communication", 0.6), ("Microsoft Excel", 0.25)],
                  ("product", "pm"),
                  ("Plan and run projects across several teams",
                   "Track risks, dependencies and decisions in writing",
                   "Run planning sessions and retrospectives",
                   "Keep clients and stakeholders informed"),
                  ("keep our client projects on time and on budget",),
                  ("PMP or PRINCE2 certification", "Agency experience"),
                  ("project management",), (75, 110), contract=0.4),
        ],
    },
    "Sales / Business": {
        "slug": "sales", "weight": 7,
        "roles": [
            _role(3, ("{sen}Account Executive", "Sales Development Representative", "{sen}Inside Sales Representative"),
                  [("Salesforce", 0.7), ("HubSpot", 0.45), ("Communication", 0.7), ("Microsoft Excel", 0.25)],
                  ("sales",),
                  ("Run discovery calls and product demos",
                   "Build and manage a healthy pipeline",
                   "Negotiate and close deals",
                   "Keep notes and forecasts accurate",
                   "Share market feedback with marketing and product"),
                  ("grow revenue in a new market",),
                  ("Experience selling to SMBs", "A second language"),
                  ("sales", "SaaS", "CRM"), (60, 95), contract=0.2,
                  artifact="a short note about a deal you're proud of", seniority="sales"),
            _role(2, ("{sen}Business Development Manager", "{sen}Partnerships Manager"),
                  [("Salesforce", 0.4), ("HubSpot", 0.4), ("Communication", 0.8), ("Microsoft Excel", 0.35),
                   ("Project Management", 0.2)],
                  ("sales",),
                  ("Find, pitch and sign new partners",
                   "Build long-term relationships with key accounts",
                   "Plan joint campaigns with partners",
                   "Track partner revenue and results"),
                  ("build our partner channel from the ground up",),
                  ("An existing network in the industry", "Experience with revenue sharing deals"),
                  ("business development", "partnerships"), (70, 110), contract=0.25, seniority="sales"),
            _role(2, ("{sen}Sales Operations Analyst", "{sen}Revenue Operations Manager"),
                  [("Salesforce", 0.9), ("Microsoft Excel", 0.7), ("SQL", 0.3), (("Tableau", "Power BI"), 0.3, (1, 1)),
                   ("HubSpot", 0.3)],
                  ("sales", "ops"),
                  ("Own our CRM setup, fields and automations",
                   "Build forecasting and pipeline reports",
                   "Improve handoffs between marketing, sales and success",
                   "Support territory and quota planning"),
                  ("make our revenue engine predictable",),
                  ("Experience with Gong or Outreach", "Experience with CPQ tools"),
                  ("sales operations", "RevOps"), (70, 105), contract=0.2),
        ],
    },
    "Finance / Legal": {
        "slug": "finance-legal", "weight": 4,
        "roles": [
            _role(3, ("Bookkeeper", "{sen}Bookkeeper (Part-time)", "Remote Bookkeeper", "{sen}Accounting Assistant"),
                  [("Bookkeeping", 1.0), ("QuickBooks", 0.85), ("Microsoft Excel", 0.75), ("Communication", 0.3)],
                  ("finance",),
                  ("Record transactions and reconcile bank and card accounts",
                   "Prepare monthly financial statements",
                   "Manage payables, receivables and invoicing",
                   "Support the year-end process with our accountants"),
                  ("keep the books of our clients clean and on time",),
                  ("Experience with Xero", "Experience with US sales tax"),
                  ("accounting", "finance"), (45, 65), contract=0.55, freelance_share=0.5,
                  artifact="a short summary of your bookkeeping experience", seniority="finance"),
            _role(2, ("{sen}Financial Analyst", "{sen}FP&A Analyst"),
                  [("Microsoft Excel", 1.0), ("SQL", 0.35), (("Power BI", "Tableau"), 0.45, (1, 1)),
                   ("Python", 0.15), ("Salesforce", 0.1)],
                  ("finance", "analytics"),
                  ("Build and maintain financial models and forecasts",
                   "Prepare monthly reporting for leadership",
                   "Analyse unit economics and pricing",
                   "Support budgeting across teams"),
                  ("help leadership plan with confidence",),
                  ("CPA or CFA progress", "Experience in a SaaS company"),
                  ("finance", "FP&A"), (75, 110), contract=0.2, seniority="finance"),
            _role(1, ("Paralegal", "{sen}Contracts Manager", "Legal Operations Specialist"),
                  [("Communication", 0.7), ("Microsoft Excel", 0.3), ("Project Management", 0.3),
                   ("Salesforce", 0.15)],
                  ("legal",),
                  ("Draft and review standard contracts",
                   "Keep the contract database accurate",
                   "Coordinate signatures and renewals",
                   "Support the legal team on compliance questions"),
                  ("support our legal team as we grow",),
                  ("Paralegal certificate", "Experience with contract management tools"),
                  ("legal",), (55, 85), contract=0.3, seniority="finance"),
        ],
    },
    "QA": {
        "slug": "qa", "weight": 4,
        "roles": [
            _role(3, ("{sen}QA Automation Engineer", "{sen}Software Development Engineer in Test",
                      "{sen}QA Engineer"),
                  [(("Python", "JavaScript", "TypeScript", "Java"), 0.9, (4, 3, 3, 2)), ("CI/CD", 0.55),
                   ("GitHub Actions", 0.25), ("Jira", 0.55), ("Docker", 0.3), ("Agile", 0.35), ("SQL", 0.3)],
                  ("qa", "web"),
                  ("Build and maintain automated test suites",
                   "Make tests fast and reliable enough to run on every change",
                   "Work with developers on testability early in a feature",
                   "Investigate flaky tests and fix the root cause",
                   "Track quality trends and report on them"),
                  ("raise the bar on quality across our products",),
                  ("Experience with Playwright, Cypress or Selenium", "Experience with load testing"),
                  ("QA", "testing", "automation"), (75, 110)),
            _role(2, ("Manual QA Tester", "QA Tester (Contract)", "{sen}QA Analyst"),
                  [("Jira", 0.8), ("Agile", 0.35), ("Communication", 0.5), ("SQL", 0.2)],
                  ("qa",),
                  ("Test new features on web and mobile before release",
                   "Write clear, reproducible bug reports",
                   "Maintain test cases and checklists",
                   "Verify fixes and help prioritise issues"),
                  ("help us ship releases our customers can trust",),
                  ("Experience testing mobile apps", "ISTQB certification"),
                  ("QA", "testing"), (45, 70), contract=0.55, freelance_share=0.5, seniority="support"),
        ],
    },
}

# --------------------------------------------------------------------------------------------
# Phrase templates
# --------------------------------------------------------------------------------------------

_KIND = {}
for _k, _skills in {
    "lang": ("Python", "JavaScript", "TypeScript", "PHP", "Go", "Rust", "Java", "Kotlin", "Swift"),
    "framework": ("React", "Node.js", "Vue.js", "Angular", "Laravel", "Django", "Flask", "FastAPI",
                  "Ruby on Rails"),
    "db": ("PostgreSQL", "MySQL", "MongoDB", "Redis", "Snowflake"),
    "cloud": ("AWS", "Google Cloud Platform", "Microsoft Azure"),
    "infra": ("Docker", "Kubernetes", "Terraform", "GitHub Actions", "Linux", "CI/CD"),
    "data": ("pandas", "dbt", "Apache Spark", "PyTorch", "TensorFlow"),
    "tool": ("Tableau", "Power BI", "Microsoft Excel", "Google Analytics", "Figma", "Adobe Photoshop",
             "Adobe Illustrator", "HubSpot", "Salesforce", "Zendesk", "Jira", "QuickBooks", "Google Ads",
             "Shopify", "WordPress"),
}.items():
    for _s in _skills:
        _KIND[_s] = _k

_GENERIC_REQ = {
    "lang": ("{n}+ years of professional experience with {s}", "Strong, production-grade {s} skills",
             "You write clean, well-tested {s} and enjoy code review",
             "Solid experience shipping {s} code to production"),
    "framework": ("Hands-on experience building and maintaining apps with {s}",
                  "You have shipped production features using {s}", "{n}+ years working with {s}",
                  "Deep familiarity with {s} and its ecosystem"),
    "db": ("Experience designing schemas and tuning queries in {s}", "Comfortable running {s} in production",
           "Good working knowledge of {s}"),
    "cloud": ("Experience deploying and operating services on {s}",
              "Hands-on {s} experience (networking, IAM, managed databases)",
              "You've run production workloads on {s}"),
    "infra": ("Practical experience with {s}", "You're comfortable with {s} in day-to-day work",
              "Experience setting up and maintaining {s}"),
    "data": ("Hands-on experience with {s}", "You've used {s} on real projects, not just tutorials",
             "Working knowledge of {s}"),
    "tool": ("Day-to-day experience with {s}", "Familiarity with {s}", "You know your way around {s}",
             "Comfortable working in {s}"),
}

_CUSTOM_REQ: dict[str, tuple[str, ...]] = {
    "Python": ("{n}+ years of professional experience with {s}",
               "Strong {s} skills: you know the standard library well and write idiomatic, typed code",
               "Solid experience shipping {s} code to production"),
    "SQL": ("Strong {s}: joins, window functions and performance tuning", "Comfortable writing complex {s} queries",
            "You can answer your own questions in {s}"),
    "Microsoft Excel": ("Advanced {s} skills (pivot tables, lookups, basic macros)", "Strong {s} skills",
                        "Very comfortable in {s} and Google Sheets"),
    "Go": ("You write idiomatic {s} and understand its concurrency model", "{n}+ years building services in {s}",
           "Production experience with {s}"),
    "Swift": ("{n}+ years building native iOS apps with {s}", "Strong {s} and UIKit or SwiftUI experience"),
    "Kotlin": ("{n}+ years building apps or services with {s}", "Strong {s} skills"),
    "AngularJS": ("Experience maintaining legacy {s} applications",
                  "Comfortable working in our {s} codebase (yes, it's old, and it still pays the bills)",
                  "Experience with {s} (1.x): much of our admin UI still runs on it"),
    "jQuery": ("Comfortable with {s} and plain DOM work for our older pages",
               "Solid {s} skills for maintaining existing client sites",
               "Experience with {s} plugins and progressive enhancement"),
    "LangChain": ("Experience with {s} or a similar orchestration framework",
                  "You've built retrieval or tool-calling workflows with {s}",
                  "Production experience with {s}"),
    "Large Language Models": (
        "Experience building products on top of LLMs (hosted APIs or open-weight models)",
        "Hands-on experience evaluating large language models for accuracy, latency and cost",
        "You've shipped LLM-powered features to real users",
        "A practical understanding of what LLMs are good at, and where they fail"),
    "Prompt Engineering": ("Strong {s} skills: you can get reliable, structured output from a model",
                           "Experience with {s} and with evaluating model outputs systematically",
                           "You treat {s} as a craft: versioned prompts, test sets, measurable results"),
    "Machine Learning": ("Solid grounding in {s} fundamentals: evaluation, leakage, feature engineering",
                         "{n}+ years applying {s} to real products"),
    "pandas": ("Comfortable wrangling messy data with {s}", "Hands-on experience with {s}"),
    "dbt": ("Experience modelling data with {s} (tests, docs, incremental models)", "Hands-on {s} experience"),
    "Communication": ("Excellent written and verbal {s} in English",
                      "Clear, proactive {s}: we work async across time zones",
                      "Strong {s}, especially in writing"),
    "Project Management": ("Strong {s} skills: you keep timelines, owners and risks visible",
                           "Proven {s} experience across several parallel workstreams"),
    "Agile": ("Experience working in {s} teams", "You're comfortable with {s} rituals and short iterations"),
    "Scrum": ("Experience running {s} ceremonies", "Hands-on {s} experience in a product team"),
    "UX Design": ("A portfolio showing strong {s} work, from research to high-fidelity flows",
                  "{n}+ years of {s} experience on web or mobile products"),
    "SEO": ("Proven {s} results: you can show traffic you've grown", "Strong grasp of technical and on-page {s}"),
    "Content Marketing": ("{n}+ years in {s}, ideally for B2B SaaS",
                          "A track record of {s} that drives signups, not just page views"),
    "Copywriting": ("Sharp {s} skills: short, clear, persuasive",
                    "A portfolio of {s} for landing pages, emails and ads"),
    "Technical Writing": ("{n}+ years of {s} for developer audiences",
                          "A strong {s} portfolio: API references, guides, tutorials"),
    "Bookkeeping": ("{n}+ years of {s} experience for small businesses",
                    "Solid {s} fundamentals: reconciliations, accruals, month-end close"),
    "QuickBooks": ("Daily experience with {s}", "You know {s} inside out"),
    "Google Ads": ("Hands-on experience managing {s} budgets of $20k+ a month", "Proven results with {s}"),
    "Google Analytics": ("Comfortable building reports and funnels in {s}", "Working knowledge of {s}"),
    "HubSpot": ("Experience with {s} workflows, lists and reporting", "Day-to-day experience with {s}"),
    "Salesforce": ("Experience working in {s} (pipeline hygiene, reports, dashboards)",
                   "Day-to-day experience with {s}"),
    "Zendesk": ("Experience with {s} or a similar help desk", "Day-to-day experience with {s}"),
    "Shopify": ("Experience building or running stores on {s}", "Hands-on {s} experience"),
    "WordPress": ("Experience building and maintaining {s} sites, including custom themes",
                  "Comfortable managing content and plugins in {s}"),
    "Figma": ("Fluent in {s}: components, auto layout, prototyping", "Strong {s} skills"),
    "Adobe Photoshop": ("Strong {s} skills", "Confident photo editing in {s}"),
    "Adobe Illustrator": ("Strong {s} skills", "Confident vector work in {s}"),
    "Tableau": ("Experience building dashboards in {s} that people actually use", "Hands-on {s} experience"),
    "Power BI": ("Experience building dashboards in {s} that people actually use", "Hands-on {s} experience"),
    "Docker": ("Experience containerising services with {s}", "Practical experience with {s}"),
    "Kubernetes": ("Experience operating {s} clusters in production", "Hands-on {s} experience"),
    "Terraform": ("Infrastructure as code with {s}", "Hands-on {s} experience"),
    "CI/CD": ("Experience building {s} pipelines", "You care about fast, reliable {s}"),
    "GitHub Actions": ("Experience maintaining {s} workflows",),
    "Linux": ("Comfortable on the {s} command line", "Solid {s} administration skills"),
    "Apache Spark": ("Experience processing large datasets with {s}",),
    "Snowflake": ("Experience with {s} (warehouses, roles, cost control)", "Hands-on {s} experience"),
}

_NICE_GENERIC = ("Experience with {s}", "Exposure to {s}", "Familiarity with {s}", "Any experience with {s}")
_CUSTOM_NICE: dict[str, tuple[str, ...]] = {
    "Large Language Models": ("Experience with LLMs or other generative AI tools",
                              "Some hands-on time with large language models",
                              "Experience integrating an LLM API"),
    "AngularJS": ("Experience with {s}: a few of our older screens still use it",
                  "Some {s} experience (for the legacy admin)"),
    "jQuery": ("Experience with {s} for legacy pages", "Some {s} experience"),
    "Prompt Engineering": ("Some experience with {s}", "Interest in {s} and AI-assisted workflows"),
    "QuickBooks": ("{s} certification", "Experience with {s}"),
    "Scrum": ("{s} certification (CSM or PSM)", "Experience with {s}"),
}
_LLM_BIZ = ("Comfortable using LLMs (ChatGPT, Claude or similar) to speed up research and first drafts",
            "Experience using large language models in your daily work, with a critical eye for mistakes",
            "You know how to get useful output from LLM tools and how to check it")
_NEVER_NICE = frozenset({"Communication", "Project Management", "Agile", "Bookkeeping", "Copywriting",
                         "Technical Writing"})

_GENERIC_REQ_EXTRA = {
    "tech": ("{n}+ years of experience in a similar role", "You're comfortable working autonomously in a remote, async team",
             "You write things down: design notes, clear pull requests, good commit messages"),
    "biz": ("{n}+ years of experience in a similar role", "You're organised, reliable and comfortable working independently",
            "A fluent level of written English"),
}
_NICE_EXTRA = ("Experience at an early-stage startup", "Open-source or side projects you can show us",
               "Experience working with international clients", "Some experience mentoring others")

_BENEFITS_FT = (
    "Fully remote, with flexible working hours", "Competitive salary and equity",
    "An annual learning budget of $1,500", "25 days of paid time off plus local holidays",
    "A home office stipend", "Health insurance in the US, or a healthcare allowance elsewhere",
    "A yearly team retreat", "Paid parental leave", "A four-day week in August",
)
_BENEFITS_CONTRACT = (
    "Flexible hours: we care about outcomes, not time online",
    "Invoices paid within 14 days, in USD or EUR",
    "Long-term collaboration for the right person", "A clear brief and a single point of contact",
    "Work from anywhere, on your own schedule", "Paid trial project before any long-term commitment",
)
_APPLY_PROCESS = (
    "We reply to every applicant within a week.",
    "The process is a 30-minute intro call, a short paid task and a final conversation with the team.",
    "No cover letter needed: a few lines on why this role caught your eye are plenty.",
    "We review applications on a rolling basis and close the role once we find the right person.",
)

_LOCATIONS = (
    ("Worldwide", 25), ("USA", 15), ("USA, Canada", 6), ("Europe", 8), ("UK", 3), ("Germany", 2),
    ("Americas", 4), ("LATAM", 5), ("Brazil", 3), ("Americas, Europe", 6), ("Europe, UK, European timezones", 4),
    ("USA timezones", 3), ("Canada", 3), ("Northern America, LATAM", 3), ("APAC", 2), ("India", 2),
    ("Americas, Europe, Asia, Africa, Oceania", 2),
)
_EURO_LOCATIONS = frozenset({"Europe", "Germany", "Europe, UK, European timezones"})

_SENIORITY = {
    "tech": (("", 45, 1.0), ("Senior ", 35, 1.25), ("Junior ", 8, 0.7), ("Lead ", 6, 1.4), ("Staff ", 6, 1.5)),
    "writer": (("", 70, 1.0), ("Senior ", 25, 1.2), ("Junior ", 5, 0.8)),
    "support": (("", 80, 1.0), ("Senior ", 15, 1.15), ("Junior ", 5, 0.9)),
    "sales": (("", 60, 1.0), ("Senior ", 30, 1.25), ("Junior ", 10, 0.8)),
    "finance": (("", 70, 1.0), ("Senior ", 25, 1.25), ("Junior ", 5, 0.8)),
    "none": (("", 1, 1.0),),
}

_LEGAL_NOTICE = (
    "SkillPulse DEMO data - generated, fictional job postings served offline from 127.0.0.1 in the shape of "
    "Remotive's public API (https://remotive.com/api/remote-jobs). Companies, people and postings are invented. "
    "When you crawl the real API, follow Remotive's terms: link back to the Remotive URL, mention Remotive as the "
    "source, do not push its jobs to third-party job sites, and poll at most a few times a day."
)
_WARNING = "Demo corpus generated by SkillPulse (crawlers/demo_corpus.py); not live Remotive data."

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

_CAT_NAMES = tuple(CATEGORIES)
_CAT_WEIGHTS = tuple(CATEGORIES[c]["weight"] for c in _CAT_NAMES)
_ROLE_WEIGHTS = {c: tuple(r["weight"] for r in CATEGORIES[c]["roles"]) for c in _CAT_NAMES}
_LOCATION_NAMES = tuple(name for name, _ in _LOCATIONS)
_LOCATION_CUM = tuple(itertools.accumulate(w for _, w in _LOCATIONS))
_COMPANY_WEIGHTS = tuple(1.0 / (1 + (i % 17)) ** 0.7 for i in range(len(_COMPANIES)))
_TAG_RE = re.compile(r"<[^>]+>")
_FORM_TO_SKILL = {f.lower(): k for k, forms in SURFACE_FORMS.items() for f in forms}
_SURFACE_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in sorted(_FORM_TO_SKILL, key=len, reverse=True)) + r")(?!\w|\.\w)",
    re.IGNORECASE,
)
_SLUG_RE = re.compile(r"[^a-z0-9]+")


def _form(rng: random.Random, skill: str) -> str:
    forms = _FORMS[skill]
    if len(forms) == 1:
        return forms[0][0]
    return rng.choices([f for f, _ in forms], weights=[w for _, w in forms])[0]


def _fill(rng: random.Random, template: str, skill: str | None = None, years: int = 3) -> str:
    s = _form(rng, skill) if skill and "{s}" in template else ""
    return template.replace("{s}", s).replace("{n}", str(years))


def _pick_template(rng: random.Random, templates: tuple[str, ...], state: dict) -> str:
    """At most one "N+ years" line per posting (two different numbers read oddly)."""
    if state["years_used"]:
        without = tuple(t for t in templates if "{n}" not in t)
        if without:
            templates = without
    template = rng.choice(templates)
    if "{n}" in template:
        state["years_used"] = True
    return template


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _req_phrase(rng: random.Random, skill: str, tech: bool, state: dict) -> str:
    if skill == "Large Language Models" and not tech:
        return rng.choice(_LLM_BIZ)
    templates = _CUSTOM_REQ.get(skill) or _GENERIC_REQ[_KIND.get(skill, "tool")]
    return _sentence_case(_fill(rng, _pick_template(rng, templates, state), skill, state["years"]))


def _nice_phrase(rng: random.Random, skill: str) -> str:
    templates = _CUSTOM_NICE.get(skill, _NICE_GENERIC)
    return _sentence_case(_fill(rng, rng.choice(templates), skill))


def _join(items: list[str], conj: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conj} " + items[-1]


def _slug(title: str) -> str:
    return _SLUG_RE.sub("-", title.lower()).strip("-")


def _season(day: _dt.date) -> float:
    md = (day.month, day.day)
    if md >= (12, 18) or md <= (1, 4):
        return 0.6
    if md >= (12, 11) or md <= (1, 11):
        return 0.85
    return 1.0


def _round_to(x: float, step: int) -> int:
    return max(step, int(round(x / step)) * step)


def _salary(rng: random.Random, role: dict, job_type: str, mult: float, location: str, category: str) -> str:
    lo_k, hi_k = role["pay"]
    lo_k, hi_k = lo_k * mult, hi_k * mult
    if job_type in ("contract", "freelance", "part_time", "internship"):
        if job_type == "internship":
            return rng.choice(("", "$20/hr", "$2,500 /month", "$18 - $24/hr"))
        empty = 0.15 if job_type == "freelance" else 0.2
        r = rng.random()
        if r < empty:
            return ""
        if category == "Writing" and job_type == "freelance" and rng.random() < 0.3:
            a = rng.choice((8, 10, 12, 15))
            return f"${a / 100:.2f} - ${(a + rng.choice((5, 10))) / 100:.2f} per word"
        if job_type == "contract" and r > 0.88:
            if location in ("LATAM", "Brazil", "Northern America, LATAM", "Americas"):
                lo_m = _round_to(lo_k * 1000 / 12 * 0.55, 500)
                return f"${lo_m:,} - ${_round_to(lo_m * 1.4, 500):,} /month"
            return f"${_round_to(lo_k, 5)}k - ${_round_to(hi_k, 5)}k"
        lo_h = _round_to(lo_k * 1000 / 2080 * 1.15, 5)
        hi_h = max(lo_h + 5, _round_to(hi_k * 1000 / 2080 * 1.25, 5))
        style = rng.randrange(5)
        if style == 0:
            return f"${lo_h}-${hi_h} /hour"
        if style == 1:
            return f"${lo_h} - ${hi_h}/hr"
        if style == 2:
            return f"${lo_h}/hr"
        if style == 3:
            return f"${lo_h} - ${hi_h} /hour"
        return f"${lo_h} - ${hi_h} USD per hour"
    if rng.random() < 0.3:
        return ""
    lo, hi = _round_to(lo_k, 5), _round_to(hi_k, 5)
    if hi <= lo:
        hi = lo + 10
    if location in _EURO_LOCATIONS and rng.random() < 0.6:
        return f"€{_round_to(lo * 0.8, 5)}k - €{_round_to(hi * 0.8, 5)}k"
    style = rng.randrange(6)
    if category == "Sales / Business" and style < 2:
        return f"OTE ${lo}k - ${hi + _round_to(hi * 0.4, 5)}k"
    if style in (0, 1, 2):
        return f"${lo}k - ${hi}k"
    if style == 3:
        return f"${lo * 1000:,} - ${hi * 1000:,}"
    if style == 4:
        return f"${lo}k-${hi}k"
    return f"${_round_to((lo + hi) / 2, 5)}k"


def _pick_core(rng: random.Random, core: list) -> list[tuple[str, float]]:
    picked: list[tuple[str, float]] = []
    seen: set[str] = set()
    for entry in core:
        if isinstance(entry[0], tuple):
            options, p, weights = entry
            if rng.random() < p:
                skill = rng.choices(options, weights=weights)[0]
                if skill not in seen:
                    picked.append((skill, p))
                    seen.add(skill)
        else:
            skill, p = entry
            if rng.random() < p and skill not in seen:
                picked.append((skill, p))
                seen.add(skill)
    return picked


def _words(html_text: str) -> int:
    return len(html.unescape(_TAG_RE.sub(" ", html_text)).split())


def _ul(items: list[str]) -> str:
    return "<ul>\n" + "\n".join(f"<li>{html.escape(i, quote=False)}</li>" for i in items) + "\n</ul>"


def _heading(rng_style: int, text: str) -> str:
    if rng_style == 0:
        return f"<p><strong>{text}</strong></p>"
    if rng_style == 1:
        return f"<p><strong>{text}:</strong></p>"
    return f"<p><br><strong>{text}</strong></p>"


# --------------------------------------------------------------------------------------------
# One posting
# --------------------------------------------------------------------------------------------


def _make_job(rng: random.Random, t: float) -> tuple[dict, list[str]]:
    """Everything except id/url/logo/publication_date. Returns (job, planted canonical skills)."""
    category = rng.choices(_CAT_NAMES, weights=_CAT_WEIGHTS)[0]
    cat = CATEGORIES[category]
    roles = cat["roles"]
    role = rng.choices(roles, weights=_ROLE_WEIGHTS[category])[0]
    kinds: frozenset = role["kinds"]
    tech = category in ("Software Development", "AI / ML", "Data Analysis", "DevOps / Sysadmin", "QA") \
        and "annotation" not in kinds

    # employment type
    if rng.random() < role["contract"]:
        job_type = "freelance" if rng.random() < role["freelance_share"] else "contract"
    else:
        r = rng.random()
        job_type = "full_time" if r < 0.88 else "part_time" if r < 0.95 else "internship" if r < 0.975 else ""
    sen_table = _SENIORITY[role["seniority"]]
    sen, _, mult = rng.choices(sen_table, weights=[w for _, w, _ in sen_table])[0]
    if job_type == "internship":
        sen, mult = "", 0.5

    # skills
    core = _pick_core(rng, role["core"])
    if not core:  # every posting names at least one skill from its role
        first = role["core"][0]
        core = [((rng.choices(first[0], weights=first[2])[0] if isinstance(first[0], tuple) else first[0]), 1.0)]
    trend_skills = []
    for skill, trend in _TRENDS.items():
        if any(s == skill for s, _ in core):
            continue
        if rng.random() < trend.probability(t, category, kinds):
            trend_skills.append(skill)
    emerging = [term for term, trend in _EMERGING.items() if rng.random() < trend.probability(t, category, kinds)]

    required: list[str] = []
    nice: list[str] = []
    for i, (skill, p) in enumerate(core):
        if i > 0 and p < 0.35 and skill not in _NEVER_NICE and rng.random() < 0.6:
            nice.append(skill)
        else:
            required.append(skill)
    for skill in trend_skills:
        (nice if rng.random() < 0.35 else required).append(skill)

    # title
    p1 = core[0][0]
    p2 = core[1][0] if len(core) > 1 else p1
    template = rng.choice(role["titles"])
    if "{p2}" in template and p2 == p1:
        template = role["titles"][0] if "{p" not in role["titles"][0] else "{sen}Software Engineer"
    title = template.replace("{sen}", sen).replace("{p1}", _form(rng, p1)).replace("{p2}", _form(rng, p2))
    title = title.strip()
    if job_type in ("contract", "freelance") and "Freelance" not in title and "Contract" not in title:
        r = rng.random()
        if r < 0.3:
            title = f"Freelance {title}" if job_type == "freelance" else f"{title} (Contract)"
        elif r < 0.4:
            title = f"{title} - {rng.choice(('3-month contract', '6-month contract', 'Part-time contract'))}"
    elif job_type == "part_time" and "Part-time" not in title and rng.random() < 0.5:
        title = f"{title} (Part-time)"
    elif job_type == "internship":
        title = f"{title} Intern" if rng.random() < 0.5 else f"{title} (Internship)"

    # a skill named in the title is always also asked for in the description
    for m in _SURFACE_RE.finditer(title):
        skill = _FORM_TO_SKILL[m.group(0).lower()]
        if skill not in required and skill not in nice:
            required.insert(0, skill)

    # company, location, salary
    company, blurb = rng.choices(_COMPANIES, weights=_COMPANY_WEIGHTS)[0]
    location = rng.choices(_LOCATION_NAMES, cum_weights=_LOCATION_CUM)[0]
    salary = _salary(rng, role, job_type, mult, location, category)

    # description
    style = rng.randrange(3)
    team_template = rng.choice(_TEAM_SENTENCES)
    sizes = (8, 12, 18, 25, 35) if "small" in team_template else (12, 18, 25, 40, 60, 85, 120, 200)
    team = team_template.format(n=rng.choice(sizes), region=rng.choice(_REGIONS),
                                year=rng.choice(range(2014, 2023)))
    truth = set(required) | set(nice)
    distractor = None
    if rng.random() < 0.10:
        distractor = rng.choice(tuple(DISTRACTORS))
        truth.update(_DISTRACTOR_TRUTH.get(distractor, ()))
    role_title = title.split(" (")[0].split(" - ")[0]
    low = role_title.lower()
    article = "an" if low[:1] in "aeio" or (low[:1] == "u" and not low.startswith(("ux", "ui"))) else "a"
    mission = rng.choice(role["missions"])
    if job_type == "freelance":
        context = (f"This is a freelance engagement of roughly {rng.choice((10, 15, 20, 25))} hours a week; "
                   "you set your own schedule.")
    elif job_type == "contract":
        context = (f"This is a {rng.choice((3, 6, 6, 9, 12))}-month contract with a strong chance of extension.")
    elif job_type == "part_time":
        context = f"This is a part-time role, about {rng.choice((15, 20, 25, 30))} hours a week."
    elif job_type == "internship":
        context = "This is a paid internship with a dedicated mentor and real responsibility."
    else:
        context = rng.choice(("You'll work closely with a small, senior team and have real ownership.",
                              "You'll report to the head of the team and work with colleagues across the company.",
                              "It's a full-time, permanent position."))
    intro_extra = f" {distractor}" if distractor and rng.random() < 0.6 else ""
    apply_extra = f" {distractor}" if distractor and not intro_extra else ""

    intro = (f"<p><strong>About {html.escape(company, quote=False)}</strong><br>"
             f"{html.escape(company, quote=False)} {blurb}. {team}</p>\n"
             f"<p>We're looking for {article} {html.escape(role_title, quote=False)} to {mission}. "
             f"{context}{html.escape(intro_extra, quote=False)}</p>")

    duties = rng.sample(role["duties"], k=min(len(role["duties"]), rng.choice((4, 4, 5))))

    req_bullets: list[str] = []
    years = rng.choice((1, 2)) if mult < 0.9 else rng.choice((2, 3, 3, 4, 5)) + (2 if mult > 1.2 else 0)
    years_state = {"years": years, "years_used": False}
    groupable = [s for s in required if _KIND.get(s) in ("db", "cloud", "infra", "data", "tool")
                 and s not in _CUSTOM_NICE]
    grouped: set[str] = set()
    if len(groupable) >= 2 and rng.random() < 0.5:
        chosen = groupable[: rng.choice((2, 3))]
        forms = [_form(rng, s) for s in chosen]
        req_bullets.append(rng.choice(("Experience with {x}", "Familiarity with {x}", "Hands-on experience with {x}"))
                           .replace("{x}", _join(forms, rng.choice(("and", "or")))))
        grouped.update(chosen)
    for skill in required:
        if skill not in grouped:
            req_bullets.append(_req_phrase(rng, skill, tech, years_state))
    extra_pool = _GENERIC_REQ_EXTRA["tech" if tech else "biz"]
    req_bullets.append(_fill(rng, _pick_template(rng, extra_pool, years_state), years=years_state["years"]))
    if role["extras"] and rng.random() < 0.5:
        req_bullets.append(rng.choice(role["extras"]))
    technical = [s for s in required if _KIND.get(s) in ("lang", "framework", "data", "tool", "infra", "db")]
    for term in emerging:
        phrase = rng.choice(_EMERGING_PHRASES[term])
        if "{x}" in phrase:
            if not technical:
                continue
            phrase = phrase.replace("{x}", _form(rng, rng.choice(technical)))
        req_bullets.append(phrase)

    nice_bullets = [_nice_phrase(rng, s) for s in nice]
    if rng.random() < 0.6 and role["extras"]:
        e = rng.choice(role["extras"])
        if e not in req_bullets:
            nice_bullets.append(e)
    if len(nice_bullets) < 2:
        nice_bullets.append(rng.choice(_NICE_EXTRA))

    if job_type in ("contract", "freelance"):
        benefits = rng.sample(_BENEFITS_CONTRACT, k=rng.choice((3, 4)))
        offer_heading = "What we offer"
    else:
        pool = _BENEFITS_FT if job_type == "full_time" else _BENEFITS_FT[:1] + _BENEFITS_FT[2:3] + _BENEFITS_CONTRACT[3:]
        benefits = rng.sample(pool, k=rng.choice((3, 4)))
        offer_heading = rng.choice(("What we offer", "Benefits", "Why you'll like working here"))

    process = rng.sample(_APPLY_PROCESS, k=2)
    apply = (f"<p><strong>How to apply</strong><br>Apply through Remotive with your CV and {role['artifact']}. "
             f"{' '.join(process)}{html.escape(apply_extra, quote=False)}</p>")

    def render() -> str:
        parts = [intro, _heading(style, "What you'll do"), _ul(duties),
                 _heading(style, "What we're looking for"), _ul(req_bullets)]
        if nice_bullets:
            parts += [_heading(style, "Nice to have"), _ul(nice_bullets)]
        parts += [_heading(style, offer_heading), _ul(benefits), apply]
        return "\n".join(parts)

    description = render()
    # keep descriptions between 150 and 350 words without dropping any skill mention
    spare_duties = [d for d in role["duties"] if d not in duties]
    spare_benefits = [b for b in (_BENEFITS_CONTRACT if job_type != "full_time" else _BENEFITS_FT)
                      if b not in benefits]
    while _words(description) < 150 and (spare_duties or spare_benefits):
        if spare_duties:
            duties.append(spare_duties.pop(0))
        else:
            benefits.append(spare_benefits.pop(0))
        description = render()
    while _words(description) > 350 and (len(duties) > 3 or len(benefits) > 2):
        if len(duties) > 3:
            duties.pop()
        else:
            benefits.pop()
        description = render()

    # tags: skills first (as Remotive keywords), then the role's generic tags
    tags: list[str] = []
    for skill in [p1] + required + nice:
        tag = _TAG.get(skill, skill.lower())
        if tag not in tags:
            tags.append(tag)
    tags = tags[:8]
    for tag in role["tags"]:
        if tag not in tags and rng.random() < 0.7:
            tags.append(tag)

    job = {
        "title": title,
        "company_name": company,
        "category": category,
        "tags": tags,
        "job_type": job_type,
        "candidate_required_location": location,
        "salary": salary,
        "description": description,
    }
    return job, sorted(truth)


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def build_remotive_payload_with_truth(
    *, end: _dt.date, weeks: int = 56, per_week: int = 45, seed: int = 2026
) -> tuple[dict, dict[int, list[str]]]:
    """Like :func:`build_remotive_payload`, plus the planted skills of every job.

    The second value maps job id -> sorted canonical skill names deliberately written into that
    posting (title or description). Distractor words are not in it. Useful to evaluate extraction.
    """
    if isinstance(end, _dt.datetime):
        end = end.date()
    if weeks < 1 or per_week < 1:
        raise ValueError("weeks and per_week must be >= 1")
    rng = random.Random(seed)
    start = end - _dt.timedelta(days=7 * weeks - 1)
    day_weights = (1.0, 1.0, 1.0, 1.0, 0.95, 0.25, 0.2)  # Monday..Sunday
    hour_weights = tuple(0.4 if h < 6 else 1.2 if 12 <= h <= 18 else 0.9 for h in range(24))

    drafts: list[tuple[_dt.datetime, dict, list[str]]] = []
    for w in range(weeks):
        t = w / (weeks - 1) if weeks > 1 else 1.0
        week_start = start + _dt.timedelta(days=7 * w)
        mid = week_start + _dt.timedelta(days=3)
        count = max(1, round(per_week * _season(mid) * rng.uniform(0.75, 1.25)))
        days = [week_start + _dt.timedelta(days=d) for d in range(7)]
        weights = [day_weights[d.weekday()] for d in days]
        for _ in range(count):
            day = rng.choices(days, weights=weights)[0]
            hour = rng.choices(range(24), weights=hour_weights)[0]
            when = _dt.datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60))
            # Each posting draws from its own generator, seeded from the main one: the mix of
            # categories, roles and dates does not move when a planted curve is retuned.
            job, truth = _make_job(random.Random(rng.getrandbits(64)), t)
            drafts.append((when, job, truth))

    drafts.sort(key=lambda d: d[0])  # stable: same-second ties keep generation order
    next_id = 1_780_000 + rng.randrange(40_000)
    jobs: list[dict] = []
    truth_by_id: dict[int, list[str]] = {}
    for when, job, truth in drafts:
        next_id += rng.randint(3, 45)
        job_id = next_id
        slug = CATEGORIES[job["category"]]["slug"]
        logo = f"https://remotive.com/job/{job_id}/logo"
        jobs.append({
            "id": job_id,
            "url": f"https://remotive.com/remote-jobs/{slug}/{_slug(job['title'])}-{job_id}",
            "title": job["title"],
            "company_name": job["company_name"],
            "company_logo": logo,
            "category": job["category"],
            "tags": job["tags"],
            "job_type": job["job_type"],
            "publication_date": when.strftime("%Y-%m-%dT%H:%M:%S"),
            "candidate_required_location": job["candidate_required_location"],
            "salary": job["salary"],
            "description": job["description"],
            "company_logo_url": logo,
        })
        truth_by_id[job_id] = truth
    jobs.reverse()  # newest first, like the live API
    payload = {
        "00-warning": _WARNING,
        "0-legal-notice": _LEGAL_NOTICE,
        "job-count": len(jobs),
        "total-job-count": len(jobs),
        "jobs": jobs,
    }
    return payload, truth_by_id


def build_remotive_payload(*, end: _dt.date, weeks: int = 56, per_week: int = 45, seed: int = 2026) -> dict:
    """The full native Remotive ``/api/remote-jobs`` response for a fictional demo market.

    About ``weeks * per_week`` jobs (weekly counts vary by +-25% and dip around New Year),
    published over the ``weeks`` weeks ending at ``end`` (inclusive), newest first, unique ids.
    Deterministic: the same arguments give the same dict.
    """
    return build_remotive_payload_with_truth(end=end, weeks=weeks, per_week=per_week, seed=seed)[0]


def write_remotive_payload(payload: dict, path) -> None:
    """Write the payload as UTF-8 JSON (no BOM), creating parent folders."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False, indent=None, separators=(",", ":"))
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the SkillPulse demo corpus (Remotive API format).")
    parser.add_argument("out", help="output JSON file")
    parser.add_argument("--end", help="last publication date, YYYY-MM-DD (default: today)")
    parser.add_argument("--weeks", type=int, default=56)
    parser.add_argument("--per-week", type=int, default=45)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    end = _dt.date.fromisoformat(args.end) if args.end else _dt.date.today()
    payload = build_remotive_payload(end=end, weeks=args.weeks, per_week=args.per_week, seed=args.seed)
    write_remotive_payload(payload, args.out)
    print(f"{payload['job-count']} jobs -> {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
