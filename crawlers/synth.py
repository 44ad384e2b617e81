"""A realistic synthetic corpus at scale, written as crawl output (issue 10, part 9).

``write_synthetic_corpus(out_dir, postings=1_000_000, seed=..., end=...)`` writes one JSON-lines
file per source (``<out_dir>/<source>.jsonl``, the nine real sources) holding exactly what
``skillpulse crawl`` writes after its pipelines -- every field of ``crawlers.items.JOB_POSTING_FIELDS``,
the description already normalised plain text, pay with its hourly and yearly equivalents --
plus ``<out_dir>/truth.json``: what was planted, so tests can check the warehouse by construction.
``raw`` is a small native-like record of the source (its own keys and value styles, without the
description body), so a posting rebuilt from ``raw`` + description goes through the source's real
parser and ``NormalisePipeline`` to the same item (tests/test_synth.py checks exactly that).

What the corpus holds (all fictional; proportions in ``truth.json["proportions"]``):

* 23 role families (``FAMILIES``) with realistic titles, seniority prefixes and the sources' own
  categories; skills drawn as bundles that co-occur (React + TypeScript + Next.js, Python + pandas
  + scikit-learn, Figma + Sketch, SEO + Google Analytics, ...) plus a Zipf-ranked long tail over
  the taxonomy, always written with a real spelling from ``skills/data/taxonomy.json``; ambiguous
  skills only where their evidence rules are met (capitalised, after "with", in a list).
* every segment: remote / hybrid / onsite, locations with ISO country codes or regions, the five
  employment types, seniority, the nine sources, pay on ~30% of postings (USD, EUR, GBP; hourly
  for contract and freelance work, yearly for employees) with planted skill premiums.
* planted trends over the window (``TRENDS``): rising, falling, one emerging skill absent before
  the last 20 weeks, stable ones; a rising contract/freelance share for two skills.
* copies as real boards have them: cross-board (the same job on another board within days),
  city variants (the same job several times in one week, "Title (City)"), monthly re-posts (HN's
  monthly thread, re-listings), and distinct look-alike jobs ("Engineer (Go)" / "Engineer (Python)").
* a volume curve (weekday/weekend, growth, holiday dips, HN's burst at each month's thread) ending
  with a partial week on ``end``.

Streaming: postings are generated day by day and written at once; what is kept is the duplicate
guard's window (titles of the last ~6 weeks) and bounded caches of text fragments, never the corpus.
Deterministic: the same arguments give byte-identical files, however many ``workers`` run the
corpus's two shards. Pure Python (the standard library, the project's own parsers and normalisers,
orjson when installed -- Prefect depends on it -- for the JSON lines); no Scrapy, spaCy or clock.

Speed (benchmarks/synth_throughput.py): ~4,000-5,000 postings/s on one core of the 2-core dev
machine, ~6,500/s with ``workers=2``; lines are ~2.7 KB, so 1,000,000 postings are ~2.7 GB.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import json
import math
import os
import random
import re
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

try:  # a dependency of Prefect; the same bytes as the standard library's compact JSON, ~6x faster
    import orjson as _orjson
except ImportError:  # pragma: no cover - exercised by tests through _encode_std
    _orjson = None

from crawlers import demo_corpus as _demo
from crawlers.location import parse_location, remote_flag, seniority as _title_seniority
from crawlers.normalize import employment_type as _employment_type
from crawlers.parsers import greenhouse as _greenhouse_parser
from crawlers.parsers import hackernews as _hn
from crawlers.pay import Pay, parse_pay
from crawlers.sources import SOURCES as _REGISTRY
from skills.taxonomy import load_ambiguity, load_taxonomy

__all__ = [
    "FAMILIES",
    "SYNTH_SOURCES",
    "TRENDS",
    "PAY_PREMIUMS",
    "CONTRACT_RISE",
    "SynthSummary",
    "family_of_title",
    "write_synthetic_corpus",
]

TRUTH_VERSION = 1

# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------

#: The sources a synthetic corpus can hold (the registry's, minus the opt-in career-page crawler).
SYNTH_SOURCES: tuple[str, ...] = tuple(
    name for name in ("remotive", "remoteok", "arbeitnow", "himalayas", "jobicy", "weworkremotely",
                      "hackernews", "greenhouse", "lever") if name in _REGISTRY)

# Share of postings per source (HN's is concentrated at the start of each month, see _day_budgets).
_SOURCE_SHARE = {"greenhouse": 21.0, "lever": 10.0, "remotive": 10.0, "remoteok": 12.0, "himalayas": 14.0,
                 "jobicy": 8.0, "weworkremotely": 9.0, "arbeitnow": 9.0, "hackernews": 4.0}
_REMOTE_BOARDS = frozenset({"remotive", "remoteok", "himalayas", "jobicy", "weworkremotely"})
_ATS = frozenset({"greenhouse", "lever"})
# Probability that a posting of the source states pay at all (boards without a pay field: 0).
_PAY_RATE = {"remotive": 0.45, "remoteok": 0.40, "himalayas": 0.55, "jobicy": 0.40, "hackernews": 0.45,
             "lever": 0.55, "greenhouse": 0.0, "weworkremotely": 0.0, "arbeitnow": 0.0}
# Work arrangement of a posting by source: remote boards only list remote work.
_ARRANGEMENT = {
    "greenhouse": (("remote", 35), ("hybrid", 27), ("onsite", 26), ("unstated", 12)),
    "lever": (("remote", 40), ("hybrid", 30), ("onsite", 25), ("unstated", 5)),
    "hackernews": (("remote", 55), ("hybrid", 15), ("onsite", 25), ("unstated", 5)),
    "arbeitnow": (("remote", 20), ("onsite", 80)),
}
_ATTRIBUTION = {
    "remotive": "Job listing from Remotive (remotive.com)",
    "remoteok": "Job listing from Remote OK (remoteok.com)",
    "arbeitnow": "Job listing from Arbeitnow (arbeitnow.com)",
    "himalayas": "Job listing from Himalayas (himalayas.app)",
    "jobicy": "Job listing from Jobicy (jobicy.com)",
    "weworkremotely": "Job listing from We Work Remotely (weworkremotely.com)",
    "hackernews": "Posting from Hacker News 'Who is hiring?' (news.ycombinator.com)",
    "greenhouse": "Job listing from the employer's Greenhouse job board",
    "lever": "Job listing from the employer's Lever job site",
}
# The nightly crawl of each source: minute past 02:00 UTC (one crawled_at per source and night).
_CRAWL_MINUTE = {"remotive": 3, "remoteok": 7, "arbeitnow": 11, "himalayas": 15, "jobicy": 19,
                 "weworkremotely": 23, "hackernews": 27, "greenhouse": 31, "lever": 41}

# --------------------------------------------------------------------------------------------
# Role families
# --------------------------------------------------------------------------------------------
# A title entry: (template, weight[, forced skills[, extra bundle]]). "{stack}" is the family's
# stack label; a template starting with "!" takes no seniority prefix (it names its own level).
# A bundle element that is a tuple means "one of these". Skills named here must be taxonomy
# names; a name the taxonomy lacks is skipped (the taxonomy is curated independently).

_TECH_SEN = (("", 38), ("Senior ", 30), ("Junior ", 7), ("Lead ", 6), ("Staff ", 5), ("Principal ", 2),
             ("Mid-level ", 4), ("Sr. ", 3))
_BIZ_SEN = (("", 55), ("Senior ", 25), ("Junior ", 8), ("Lead ", 4), ("Associate ", 4), ("Sr. ", 2))
_FLAT_SEN = (("", 80), ("Senior ", 14), ("Junior ", 6))
_SEN_PAY = {"": 1.0, "Senior ": 1.25, "Sr. ": 1.25, "Junior ": 0.72, "Lead ": 1.35, "Staff ": 1.5,
            "Principal ": 1.6, "Mid-level ": 0.95, "Associate ": 0.8}
_TYPES = ("full_time", "part_time", "contract", "freelance", "internship")


def _family(key, label, weight, titles, *, stacks=(), bundles=(), head=(), tail=(), pay=(80, 110),
            types=(80, 5, 9, 4, 2), sen=_TECH_SEN, duties=(), missions=(), cats=None, hn=False,
            artifact="links to work you're proud of", tech=True):
    return {"key": key, "label": label, "weight": weight, "titles": titles, "stacks": stacks,
            "bundles": bundles, "head": head, "tail": tail, "pay": pay, "types": types, "sen": sen,
            "duties": duties, "missions": missions, "cats": cats or {}, "hn": hn, "artifact": artifact,
            "tech": tech}


# cats: the sources' own categories for the family (None: the source has no category field).
def _cats(remotive, himalayas, jobicy, wwr, dept, team=None):
    return {"remotive": remotive, "himalayas": himalayas, "jobicy": jobicy, "weworkremotely": wwr,
            "greenhouse": dept, "lever": dept, "lever_team": team or dept}


FAMILIES: dict[str, dict[str, Any]] = {f["key"]: f for f in [
    _family(
        "software_engineering", "Software engineering", 15.0,
        (("Software Engineer", 6), ("Backend Engineer", 4), ("Backend Engineer ({stack})", 3),
         ("{stack} Developer", 3), ("Software Engineer ({stack})", 2), ("Full-Stack Engineer", 3),
         ("Full-Stack Developer", 2), ("Product Engineer", 1.5),
         ("Software Developer", 2), ("Backend Developer", 2)),
        stacks=(("Python", 25, ("Python", ("Django", "FastAPI", "Flask"), "PostgreSQL")),
                ("Go", 12, ("Go", "PostgreSQL", "gRPC", "Kubernetes")),
                ("Java", 15, ("Java", "Spring Boot", "Apache Kafka", "Microservices")),
                ("Node.js", 18, ("Node.js", "TypeScript", ("Express.js", "NestJS"), ("PostgreSQL", "MongoDB"))),
                ("Ruby on Rails", 6, ("Ruby on Rails", "PostgreSQL", "Redis", "Sidekiq")),
                ("PHP", 8, ("PHP", ("Laravel", "Symfony"), "MySQL")),
                (".NET", 9, ("C#", ".NET", "ASP.NET", ("Microsoft SQL Server", "Microsoft Azure"))),
                ("Kotlin", 3, ("Kotlin", "Spring Boot", "PostgreSQL")),
                ("Scala", 2, ("Scala", "Akka", "Apache Kafka")),
                ("C++", 2, ("C++", "Linux", "Multithreading"))),
        bundles=((("AWS", "Docker", "Kubernetes"), 5), (("Docker", "CI/CD", "GitHub Actions"), 4),
                 (("PostgreSQL", "Redis"), 3), (("Google Cloud Platform", "Docker", "Terraform"), 2),
                 (("REST APIs", "GraphQL"), 3), (("Microservices", "Event-Driven Architecture"), 2),
                 (("React", "TypeScript"), 3), (("Git", "Code Review"), 2)),
        head=("SQL", "Git", "Linux", "Docker", "AWS", "REST APIs", "Microservices", "Redis", "GraphQL", "CI/CD",
              "Kubernetes", "Terraform", "Distributed Systems", "System Design", "Unit Testing", "Code Review",
              "Agile", "Observability", "Elasticsearch", "RabbitMQ", "Apache Kafka", "Datadog", "Nginx", "Bash",
              "Object-Oriented Programming", "Design Patterns", "Software Architecture", "API Design", "OAuth",
              "WebSockets", "Debugging", "Caching", "Message Queues", "Serverless", "AWS Lambda"),
        tail=("programming_languages", "frameworks_libraries", "databases", "cloud_devops"),
        pay=(120, 160), types=(83, 2, 10, 4, 1), hn=True,
        duties=("Design, build and run the services behind our product",
                "Own features end to end, from technical design to monitoring them once they ship",
                "Review pull requests and help keep the codebase simple",
                "Improve the speed and reliability of our background jobs",
                "Work with product and design to cut work into small, shippable pieces",
                "Write short design notes so decisions are easy to follow later",
                "Take part in a light, fair on-call rotation",
                "Pair with teammates on tricky problems and share what you learn",
                "Keep dependencies current and upgrades uneventful"),
        missions=("help us scale the platform thousands of customers rely on every day",
                  "own a core part of our backend and its data",
                  "build the services behind our next product line",
                  "make our product faster, calmer and easier to change"),
        cats=_cats("Software Development", "Software Engineering", "Software Engineering",
                   ("Back-End Programming", "Full-Stack Programming"), "Engineering", "Backend")),
    _family(
        "frontend", "Front-end development", 6.0,
        (("Frontend Engineer", 4), ("Front-End Developer", 3), ("Frontend Engineer ({stack})", 2),
         ("{stack} Developer", 3), ("UI Engineer", 1.5), ("Web Developer", 2), ("Front-End Engineer", 1)),
        stacks=(("React", 50, ("React", "TypeScript", "Next.js")),
                ("Vue.js", 18, ("Vue.js", "Nuxt.js", ("TypeScript", "JavaScript"))),
                ("Angular", 15, ("Angular", "TypeScript", "RxJS")),
                ("Svelte", 4, ("Svelte", "SvelteKit", "TypeScript"))),
        bundles=((("HTML", "CSS", "Sass"), 4), (("Tailwind CSS", "Storybook"), 3), (("Jest", "Cypress"), 3),
                 (("Figma", "Design Systems"), 2), (("Webpack", "Vite"), 2),
                 (("Accessibility", "Responsive Design"), 3), (("Node.js", "GraphQL"), 2)),
        head=("JavaScript", "TypeScript", "HTML", "CSS", "Git", "Figma", "Jest", "Responsive Design", "Accessibility",
              "Web Performance Optimization", "REST APIs", "GraphQL", "Tailwind CSS", "Sass", "Webpack", "Vite",
              "Storybook", "Cypress", "Redux", "Node.js", "Material UI", "Styled Components",
              "Progressive Web Apps", "Server-Side Rendering", "Testing Library", "ESLint", "npm", "D3.js",
              "Three.js", "WebSockets", "Design Systems", "State Management"),
        tail=("frameworks_libraries", "design"),
        pay=(110, 150), types=(78, 3, 11, 7, 1), hn=True,
        duties=("Build fast, accessible interfaces for our customer-facing app",
                "Turn designs into reusable components",
                "Work closely with designers on interaction details and edge cases",
                "Make pages load faster on slow phones and slow networks",
                "Write tests for the features you ship",
                "Help us pay down front-end debt one release at a time",
                "Review code and share what you know with the team"),
        missions=("build the interfaces our customers use every day",
                  "own the front end of our self-serve product",
                  "help rebuild our dashboard into something people enjoy using"),
        cats=_cats("Software Development", "Software Engineering", "Software Engineering",
                   "Front-End Programming", "Engineering", "Frontend")),
    _family(
        "mobile", "Mobile development", 3.0,
        (("{stack} Developer", 4), ("{stack} Engineer", 3), ("Mobile Engineer ({stack})", 2),
         ("Mobile Developer", 2), ("Mobile App Developer", 1)),
        stacks=(("iOS", 35, ("Swift", "SwiftUI", "iOS", "Xcode")),
                ("Android", 30, ("Kotlin", "Android", "Jetpack Compose")),
                ("React Native", 20, ("React Native", "TypeScript", "Redux")),
                ("Flutter", 15, ("Flutter", "Firebase"))),
        bundles=((("Firebase", "Push Notifications"), 3), (("CI/CD", "Fastlane"), 2), (("REST APIs", "GraphQL"), 2),
                 (("Unit Testing", "XCTest"), 1), (("Figma", "Mobile App Design"), 1)),
        head=("Git", "REST APIs", "Firebase", "Mobile App Development", "Push Notifications", "Unit Testing", "CI/CD",
              "Fastlane", "GraphQL", "App Store Optimization", "Figma", "Agile", "UIKit", "Android Studio",
              "Kotlin Coroutines", "MVVM", "Core ML", "Bluetooth Low Energy", "Sentry"),
        tail=("frameworks_libraries", "tools_platforms"),
        pay=(115, 155), types=(80, 2, 10, 7, 1), hn=True,
        duties=("Build and polish features in our native app",
                "Own app releases, crash reports and store reviews",
                "Work with designers on smooth, accessible interactions",
                "Improve app start time and offline behaviour",
                "Write tests that make releases calm",
                "Help decide what we build next with product and support"),
        missions=("build the app our customers open every morning",
                  "own the mobile experience for a growing user base"),
        cats=_cats("Software Development", "Software Engineering", "Software Engineering",
                   "Full-Stack Programming", "Engineering", "Mobile")),
    _family(
        "qa", "Quality assurance", 3.0,
        (("QA Engineer", 4), ("Software Engineer in Test", 2), ("QA Automation Engineer", 3), ("Test Engineer", 1.5),
         ("Quality Assurance Analyst", 2), ("Manual QA Tester", 1)),
        bundles=((("Cypress", "JavaScript"), 3), (("Test Automation", "Python", "pytest"), 3),
                 (("Appium", "Mobile App Development"), 1.5), (("Postman", "API Testing"), 3), (("Jira", "TestRail"), 3),
                 (("JUnit", "Java"), 2), (("Apache JMeter", "Performance Testing"), 1.5), (("CI/CD", "Jenkins"), 2)),
        head=("Test Automation", "Quality Assurance", "Jira", "Postman", "API Testing", "SQL", "Agile",
              "Functional Testing", "End-to-End Testing", "TestRail", "Git", "Performance Testing", "Scrum",
              "BrowserStack", "k6", "Robot Framework", "Unit Testing", "Debugging", "Root Cause Analysis",
              "Behavior-Driven Development", "TestNG", "WebdriverIO", "ISTQB"),
        tail=("frameworks_libraries", "product_project"),
        pay=(85, 115), types=(74, 4, 14, 6, 2), hn=True,
        duties=("Plan and run test passes before every release",
                "Turn repeated manual checks into automated ones",
                "Write clear bug reports and follow them to a fix",
                "Keep test cases and checklists current",
                "Work with developers to make features easier to test",
                "Help prioritise issues with product and support"),
        missions=("help us ship releases our customers can trust",
                  "build the safety net that lets us release every day"),
        cats=_cats("QA", "Software Engineering", "Software Engineering", "All Other Remote", "Engineering", "QA")),
    _family(
        "devops_cloud", "DevOps and cloud", 5.0,
        (("DevOps Engineer", 5), ("Site Reliability Engineer", 3), ("Cloud Engineer", 3), ("Platform Engineer", 2),
         ("Infrastructure Engineer", 2), ("Cloud Engineer ({stack})", 1.5), ("!Cloud Architect", 1)),
        stacks=(("AWS", 60, ("AWS", "Terraform", "Amazon EKS")),
                ("GCP", 20, ("Google Cloud Platform", "Terraform", "Google Kubernetes Engine")),
                ("Azure", 20, ("Microsoft Azure", "Azure DevOps", ("ARM Templates", "Azure Bicep")))),
        bundles=((("Kubernetes", "Docker", "Helm"), 5), (("Prometheus", "Grafana"), 3),
                 (("CI/CD", ("GitHub Actions", "GitLab CI", "Jenkins")), 4), (("Ansible", "Linux"), 3),
                 (("Terraform", "Infrastructure as Code"), 3), (("Datadog", "PagerDuty"), 2), (("Python", "Bash"), 3),
                 (("Argo CD", "GitOps"), 1.5)),
        head=("Linux", "Docker", "Kubernetes", "Terraform", "CI/CD", "Python", "Bash", "Git", "Prometheus", "Grafana",
              "Ansible", "Computer Networking", "Observability", "Site Reliability Engineering",
              "Infrastructure as Code", "Nginx", "Datadog", "ELK Stack", "AWS Lambda", "Serverless",
              "Incident Response", "Cloud Security", "Go", "Istio", "Vault", "HashiCorp Vault", "Pulumi",
              "OpenTelemetry", "FinOps", "Disaster Recovery", "Load Balancing"),
        tail=("cloud_devops", "certifications"),
        pay=(125, 165), types=(82, 1, 12, 4, 1), hn=True,
        duties=("Run and improve our production infrastructure",
                "Make deploys fast, safe and boring",
                "Own monitoring, alerting and incident reviews",
                "Reduce hosting spend without hurting reliability",
                "Help product teams ship on the platform without friction",
                "Automate repetitive operational work",
                "Write runbooks anyone on call can follow"),
        missions=("keep our platform fast, secure and affordable",
                  "lead the next phase of our infrastructure"),
        cats=_cats("DevOps / Sysadmin", "DevOps & Infrastructure", "DevOps & Sysadmin", "DevOps and Sysadmin",
                   "Engineering", "Infrastructure")),
    _family(
        "security", "Security", 2.5,
        (("Security Engineer", 4), ("Cybersecurity Analyst", 3), ("Application Security Engineer", 2),
         ("SOC Analyst", 2), ("Penetration Tester", 1.5), ("Cloud Security Engineer", 1.5),
         ("Information Security Manager", 1)),
        bundles=((("SIEM", "Splunk", "Incident Response"), 4), (("Penetration Testing", "Burp Suite", "OWASP"), 3),
                 (("Cloud Security", "AWS", "Identity and Access Management"), 3),
                 (("Vulnerability Management", ("Nessus", "Qualys")), 2), (("CISSP", "CISM"), 2),
                 (("Threat Modeling", "Application Security"), 2), (("NIST Cybersecurity Framework", "Compliance"), 2),
                 (("Python", "Bash"), 2)),
        head=("Cybersecurity", "Network Security", "Incident Response", "SIEM", "Linux", "Python", "Firewalls",
              "Vulnerability Management", "Threat Intelligence", "Zero Trust", "Cloud Security", "OWASP", "Splunk",
              "CrowdStrike", "Security Operations Center", "Compliance", "Risk Management", "CompTIA Security+",
              "CISSP", "OSCP", "CEH", "Wireshark", "Nmap", "Metasploit", "Kali Linux", "Cryptography",
              "Public Key Infrastructure", "Endpoint Detection and Response", "Identity and Access Management",
              "Okta", "ISO 27001 Lead Auditor", "Threat Modeling"),
        tail=("cloud_devops", "certifications"),
        pay=(130, 170), types=(84, 1, 11, 3, 1), hn=True,
        duties=("Find and fix weaknesses before attackers do",
                "Investigate alerts and lead the response when something goes wrong",
                "Review designs and code with a security eye",
                "Run regular access reviews and tabletop exercises",
                "Explain risks to engineers and leadership in plain words",
                "Keep our controls and evidence ready for audits"),
        missions=("keep our customers' data safe", "build the security program of a fast-growing company"),
        cats=_cats("DevOps / Sysadmin", "Cybersecurity", "DevOps & Sysadmin", "DevOps and Sysadmin", "Security")),
    _family(
        "data_engineering", "Data engineering", 3.5,
        (("Data Engineer", 6), ("Analytics Engineer", 2), ("Data Platform Engineer", 1.5), ("Big Data Engineer", 1),
         ("ETL Developer", 1), ("Data Engineer ({stack})", 1.5)),
        stacks=(("Snowflake", 35, ("SQL", "dbt", "Snowflake")),
                ("Databricks", 25, ("Databricks", "PySpark", "Delta Lake")),
                ("GCP", 20, ("BigQuery", "Google Cloud Platform", "SQL")),
                ("AWS", 20, ("AWS", "Amazon Redshift", "AWS Glue"))),
        bundles=((("Python", "SQL"), 8), (("Apache Airflow", "dbt"), 4), (("Apache Kafka", "Apache Flink"), 2),
                 (("Apache Spark", "PySpark"), 3), (("Terraform", "Docker"), 1.5),
                 (("Data Modeling", "Data Warehousing"), 3), (("ETL", ("Fivetran", "Airbyte")), 2)),
        head=("SQL", "Python", "ETL", "Data Modeling", "Data Warehousing", "Apache Airflow", "dbt", "Apache Spark",
              "AWS", "Snowflake", "BigQuery", "Apache Kafka", "Data Quality", "Docker", "Git", "PostgreSQL",
              "Data Lakes", "Scala", "Dagster", "Data Governance", "Apache Iceberg", "Change Data Capture",
              "Stream Processing", "Data Pipelines", "Trino", "Delta Lake", "Kubernetes"),
        tail=("data_ml", "databases"),
        pay=(125, 165), types=(82, 1, 12, 4, 1), hn=True,
        duties=("Build reliable pipelines from product, billing and marketing sources",
                "Model data so analysts can answer questions on their own",
                "Add tests and checks so broken data is caught early",
                "Keep warehouse costs under control",
                "Document datasets and who owns them",
                "Work with analysts and engineers on what to build next"),
        missions=("build the data platform the whole company relies on",
                  "make our warehouse trustworthy and easy to use"),
        cats=_cats("Data and Analytics", "Data Science", "Data Science & Analytics", "Back-End Programming",
                   "Data", "Data Engineering")),
    _family(
        "data_science_ml", "Data science and machine learning", 4.0,
        (("Machine Learning Engineer", 4), ("Data Scientist", 5), ("ML Engineer", 2), ("AI Engineer", 3),
         ("Applied Scientist", 1), ("NLP Engineer", 1), ("Research Scientist", 1), ("MLOps Engineer", 1)),
        bundles=((("Python", "pandas", "scikit-learn"), 6), (("PyTorch", "Deep Learning"), 4), (("TensorFlow", "Keras"), 2),
                 (("Machine Learning", "Statistics"), 5), (("SQL", "Jupyter"), 3), (("MLOps", "MLflow", "Docker"), 2),
                 (("Natural Language Processing", "Hugging Face", "Transformer Models"), 2),
                 (("Computer Vision", "OpenCV"), 1.5), (("AWS", "Amazon SageMaker"), 1.5), (("NumPy", "Matplotlib"), 2),
                 (("A/B Testing", "Causal Inference"), 1)),
        head=("Python", "Machine Learning", "SQL", "Statistics", "pandas", "NumPy", "scikit-learn", "Deep Learning",
              "PyTorch", "TensorFlow", "Data Analysis", "Jupyter", "Data Visualization", "Feature Engineering",
              "Natural Language Processing", "Computer Vision", "A/B Testing", "Generative AI", "Hugging Face",
              "XGBoost", "Time Series Analysis", "Recommendation Systems", "Docker", "AWS", "Apache Spark", "MLOps",
              "Model Deployment", "Embeddings", "Vector Databases", "OpenAI API", "Predictive Modeling",
              "Retrieval-Augmented Generation", "Model Fine-Tuning", "Weights & Biases"),
        tail=("data_ml",),
        pay=(135, 180), types=(83, 1, 10, 4, 2), hn=True,
        duties=("Train, evaluate and ship models that move our product's key numbers",
                "Build reliable training and evaluation pipelines",
                "Turn vague ideas into measurable experiments",
                "Watch models in production and fix drift before users notice",
                "Share results in clear written reports",
                "Work with engineers to put research into the product"),
        missions=("build the models behind our recommendations",
                  "take our models from notebooks to production",
                  "help us build AI features customers trust"),
        cats=_cats("Artificial Intelligence", "Data Science", "Data Science & Analytics", "Back-End Programming",
                   "Data", "Machine Learning")),
    _family(
        "analytics", "Analytics and BI", 4.0,
        (("Data Analyst", 6), ("Business Intelligence Analyst", 2), ("Product Analyst", 2), ("Marketing Analyst", 1.5),
         ("BI Developer", 1), ("Reporting Analyst", 1), ("Business Analyst", 2)),
        bundles=((("SQL", "Tableau"), 5), (("SQL", "Power BI"), 5), (("Microsoft Excel", "Google Sheets"), 4),
                 (("Python", "pandas"), 3), (("Looker", "BigQuery"), 2), (("Google Analytics", "Looker Studio"), 2),
                 (("A/B Testing", "Statistics"), 2), (("Snowflake", "dbt"), 1.5)),
        head=("SQL", "Microsoft Excel", "Data Analysis", "Tableau", "Power BI", "Data Visualization", "Python",
              "Statistics", "Business Intelligence", "Looker", "Google Sheets", "A/B Testing", "Stakeholder Management",
              "Requirements Gathering", "Business Analysis", "Forecasting", "Data Modeling", "Power Query", "Alteryx",
              "Metabase", "Product Analytics", "Google Analytics", "BigQuery", "Snowflake", "SPSS", "Qlik",
              "Data Cleaning", "Regression Analysis", "Hypothesis Testing"),
        tail=("data_ml", "business_finance"),
        pay=(85, 120), types=(80, 4, 10, 4, 2), hn=True,
        duties=("Answer business questions with clear, well-documented analyses",
                "Build and maintain dashboards people actually use",
                "Define metrics with stakeholders and keep definitions consistent",
                "Spot trends and anomalies and explain what they mean",
                "Present findings to non-technical audiences"),
        missions=("turn our data into decisions", "help every team understand its numbers"),
        cats=_cats("Data and Analytics", "Data Science", "Data Science & Analytics", "All Other Remote", "Data",
                   "Analytics"), tech=False),
    _family(
        "it_support", "IT support and systems", 3.0,
        (("IT Support Specialist", 4), ("Help Desk Technician", 3), ("Systems Administrator", 3),
         ("IT Support Engineer", 2), ("Desktop Support Technician", 1.5), ("Network Administrator", 1.5),
         ("IT Manager", 1)),
        bundles=((("Active Directory", "Microsoft Intune", "Windows Server"), 4), (("Google Workspace", "Okta"), 3),
                 (("Jamf", "Mobile Device Management"), 1.5), (("Computer Networking", "VPN", "Firewalls"), 3),
                 (("ServiceNow", "IT Service Management", "ITIL"), 3), (("CompTIA A+", "CompTIA Network+"), 2),
                 (("Microsoft Office", "Microsoft Exchange"), 2), (("Linux", "Bash"), 2), (("PowerShell", "Windows Server"), 2)),
        head=("IT Support", "Active Directory", "Windows Server", "Computer Networking", "Microsoft Office",
              "Google Workspace", "Linux", "ITIL", "ServiceNow", "Jira", "VPN", "PowerShell", "Okta", "Microsoft Intune",
              "Jamf", "Mobile Device Management", "Customer Service", "System Administration", "Virtualization",
              "VMware", "Hyper-V", "Zendesk", "Freshdesk", "Microsoft Teams", "Microsoft 365 Administrator Expert",
              "Backups", "Disaster Recovery", "Group Policy"),
        tail=("cloud_devops", "tools_platforms"),
        pay=(55, 78), types=(82, 6, 8, 2, 2), sen=_BIZ_SEN,
        duties=("Set up laptops, accounts and access for new colleagues",
                "Keep servers patched, backed up and monitored",
                "Answer internal support tickets quickly and kindly",
                "Write down procedures so anyone can follow them",
                "Help with security reviews and audits",
                "Manage our office network and meeting rooms"),
        missions=("keep our systems running and our people productive",),
        cats=_cats("Information Technology", "IT", "Technical Support", "DevOps and Sysadmin", "IT")),
    _family(
        "design", "Design", 4.5,
        (("Product Designer", 5), ("UX Designer", 3), ("UI/UX Designer", 3), ("Graphic Designer", 3),
         ("Visual Designer", 1.5), ("Brand Designer", 1.5), ("Web Designer", 2), ("Motion Designer", 1),
         ("UX Researcher", 1)),
        bundles=((("Figma", "Sketch"), 4), (("Figma", "Prototyping", "Design Systems"), 5),
                 (("Adobe Photoshop", "Adobe Illustrator", "Adobe InDesign"), 4), (("User Research", "Usability Testing"), 3),
                 (("Wireframing", "Prototyping"), 3), (("Adobe After Effects", "Motion Graphics"), 1.5),
                 (("Webflow", "Web Design"), 2), (("Canva", "Social Media Graphics"), 1.5),
                 (("Typography", "Brand Identity Design"), 2), (("HTML", "CSS"), 1.5)),
        head=("Figma", "UX Design", "UI Design", "Prototyping", "Wireframing", "User Research", "Design Systems",
              "Adobe Photoshop", "Adobe Illustrator", "Interaction Design", "Usability Testing", "Typography",
              "Adobe Creative Suite", "Product Design", "Accessibility", "Information Architecture", "Responsive Design",
              "Design Thinking", "Adobe XD", "Miro", "Canva", "Brand Identity Design", "Graphic Design",
              "Adobe InDesign", "Adobe After Effects", "Illustration", "Motion Graphics", "Color Theory", "Webflow",
              "Sketch", "Mobile App Design", "Icon Design", "Presentation Design"),
        tail=("design",),
        pay=(95, 130), types=(66, 5, 15, 12, 2), sen=_BIZ_SEN, hn=True, artifact="a link to your portfolio",
        duties=("Take flows from early sketches to polished, ready-to-build files",
                "Run lightweight research sessions with customers",
                "Keep our visual language consistent across the product",
                "Work closely with engineers while features are built",
                "Share work early and often for feedback",
                "Prepare assets for campaigns and the website"),
        missions=("shape how customers experience our product", "own the design of our onboarding",
                  "give our brand a consistent, memorable look"),
        cats=_cats("Design", "Design", "Design & Multimedia", "Design", "Design"), tech=False),
    _family(
        "product", "Product management", 4.0,
        (("Product Manager", 6), ("Product Owner", 3), ("Technical Product Manager", 2), ("!Group Product Manager", 0.7),
         ("!Head of Product", 0.6), ("Product Lead", 1), ("!Associate Product Manager", 0.8)),
        bundles=((("Jira", "Confluence"), 4), (("Agile", "Scrum"), 4), (("Roadmapping", "Product Strategy"), 4),
                 (("SQL", "Product Analytics"), 3), (("Product Analytics", "A/B Testing"), 2),
                 (("User Research", "Product Discovery"), 3), (("Stakeholder Management", "Cross-Functional Collaboration"), 3),
                 (("Figma", "Miro"), 2), (("OKRs", "Go-to-Market Strategy"), 1.5)),
        head=("Product Management", "Agile", "Jira", "Roadmapping", "Stakeholder Management", "Product Strategy",
              "User Stories", "SQL", "Scrum", "Product Discovery", "A/B Testing", "Data Analysis",
              "Requirements Gathering", "Figma", "Confluence", "Product Analytics", "OKRs", "Feature Prioritization",
              "Go-to-Market Strategy", "Product-Led Growth", "Jobs to Be Done", "Kanban", "Miro",
              "Cross-Functional Collaboration", "Leadership", "Pricing Strategy", "Market Research"),
        tail=("product_project", "soft_skills"),
        pay=(130, 170), types=(86, 2, 8, 3, 1), sen=_BIZ_SEN, hn=True,
        duties=("Talk to customers every week and turn what you learn into priorities",
                "Write clear problem statements and specs",
                "Work with design and engineering on scope and trade-offs",
                "Define how we will measure success and follow up after launch",
                "Keep stakeholders informed with short written updates"),
        missions=("lead one of our core product areas", "shape what we build next"),
        cats=_cats("Product Management", "Product", "Product", "Product", "Product"), tech=False),
    _family(
        "project_management", "Project and program management", 3.0,
        (("Project Manager", 6), ("Technical Project Manager", 2), ("Program Manager", 2), ("Scrum Master", 2),
         ("Delivery Manager", 1.5), ("Project Coordinator", 2), ("PMO Analyst", 0.5)),
        bundles=((("Project Management", "Jira", "Confluence"), 5), (("Agile", "Scrum", "Kanban"), 4),
                 (("PMP", "PRINCE2"), 2), (("Microsoft Project", "Gantt Charts"), 1.5), (("Asana", "Trello"), 1.5),
                 (("Monday.com", "Smartsheet"), 1.5), (("Stakeholder Management", "Risk Management"), 3),
                 (("Budgeting", "Resource Planning"), 2)),
        head=("Project Management", "Agile", "Scrum", "Jira", "Stakeholder Management", "Risk Management", "Confluence",
              "Microsoft Excel", "Kanban", "Budgeting", "Project Coordination", "Resource Planning", "PMP",
              "Smartsheet", "Change Management", "Microsoft Project", "Waterfall", "Vendor Management",
              "Program Management", "Technical Project Management", "Certified ScrumMaster", "SAFe Agilist", "Trello",
              "Monday.com", "ClickUp", "Wrike", "Asana"),
        tail=("product_project", "certifications"),
        pay=(95, 130), types=(76, 4, 14, 5, 1), sen=_BIZ_SEN, hn=True,
        duties=("Plan and run projects across several teams",
                "Track risks, dependencies and decisions in writing",
                "Run planning sessions and retrospectives",
                "Keep clients and stakeholders informed",
                "Spot blockers early and clear them"),
        missions=("keep our client projects on time and on budget", "bring calm to a busy delivery calendar"),
        cats=_cats("Project Management", "Project Management", "Management", "Management and Finance",
                   "Operations", "Delivery"), tech=False),
    _family(
        "marketing", "Marketing", 7.0,
        (("Marketing Manager", 4), ("Digital Marketing Specialist", 3), ("SEO Specialist", 2, ("SEO",)),
         ("Content Marketing Manager", 2, ("Content Marketing",)), ("Performance Marketing Manager", 2),
         ("Growth Marketer", 2), ("Social Media Manager", 2, ("Social Media Marketing",)),
         ("Email Marketing Specialist", 1.5, ("Email Marketing",)), ("Marketing Coordinator", 2),
         ("Product Marketing Manager", 1.5, ("Product Marketing",)), ("!Head of Marketing", 0.6)),
        bundles=((("SEO", "Google Analytics"), 5), (("Google Ads", "Meta Ads", "PPC"), 4),
                 (("HubSpot", "Marketing Automation", "Email Marketing"), 3), (("Content Marketing", "Copywriting", "SEO"), 3),
                 (("Social Media Marketing", "Canva", "Hootsuite"), 2.5), (("Semrush", "Ahrefs", "Keyword Research"), 2),
                 (("Google Tag Manager", "Google Analytics", "Looker Studio"), 2), (("Shopify", "Klaviyo", "E-commerce"), 2),
                 (("Salesforce", "Account-Based Marketing"), 1), (("Mailchimp", "Klaviyo"), 1.5), (("WordPress", "Webflow"), 1.5)),
        head=("SEO", "Google Analytics", "Content Marketing", "Social Media Marketing", "Google Ads", "Email Marketing",
              "HubSpot", "Copywriting", "Digital Marketing", "Marketing Automation", "Meta Ads", "PPC",
              "Marketing Strategy", "Market Research", "Conversion Rate Optimization", "Growth Marketing",
              "Lead Generation", "Brand Strategy", "Marketing Analytics", "Canva", "WordPress", "Semrush", "Ahrefs",
              "Mailchimp", "LinkedIn Ads", "TikTok Ads", "Influencer Marketing", "Affiliate Marketing",
              "Public Relations", "Community Management", "Event Marketing", "Video Marketing", "Google Tag Manager",
              "Looker Studio", "Microsoft Excel", "Shopify", "Webflow"),
        tail=("marketing_sales", "tools_platforms"),
        pay=(75, 110), types=(72, 6, 12, 8, 2), sen=_BIZ_SEN, hn=True,
        duties=("Plan and launch campaigns across our main channels",
                "Report on results every month and suggest what to try next",
                "Work with design on creative and landing pages",
                "Keep our messaging consistent across every touchpoint",
                "Manage a budget and the freelancers who help us",
                "Run small experiments and share what we learn"),
        missions=("grow demand for our product", "make our marketing measurable",
                  "scale our acquisition profitably"),
        cats=_cats("Marketing", "Marketing", "Marketing & Sales", "Sales and Marketing", "Marketing"), tech=False),
    _family(
        "writing_content", "Writing and content", 3.0,
        (("Copywriter", 3, ("Copywriting",)), ("Content Writer", 3, ("Content Writing",)),
         ("Technical Writer", 2, ("Technical Writing",), ("Git", "Confluence", "OpenAPI")), ("Editor", 1.5, ("Editing",)),
         ("Content Strategist", 1, ("Content Strategy",)), ("UX Writer", 0.7, ("UX Writing",)),
         ("Translator", 1, ("Translation",)), ("Proofreader", 0.5, ("Proofreading",)),
         ("Grant Writer", 0.4, ("Grant Writing",))),
        bundles=((("SEO Writing", "Content Writing", "WordPress"), 3),
                 (("Copywriting", "Email Copywriting", "Conversion Copywriting"), 2),
                 (("Editing", "Proofreading", "AP Style"), 2), (("Blog Writing", "SEO"), 2),
                 (("Social Media Content Creation", "Canva"), 1.5), (("Localization", "CAT Tools"), 1)),
        head=("Copywriting", "Content Writing", "SEO", "Editing", "Proofreading", "Blog Writing", "Content Strategy",
              "WordPress", "Storytelling", "Social Media Content Creation", "Google Docs", "Grammarly",
              "Attention to Detail", "Content Marketing", "SEO Writing", "Email Copywriting", "Ghostwriting",
              "Journalism", "Fact-Checking", "Newsletter Writing", "Press Releases", "Case Study Writing",
              "White Papers", "Style Guides", "AP Style", "Localization", "Translation", "Plain Language"),
        tail=("writing_content",),
        pay=(60, 90), types=(50, 8, 17, 23, 2), sen=_FLAT_SEN, artifact="three writing samples", tech=False,
        duties=("Research and write clear, engaging pieces on deadline",
                "Turn interviews with experts into articles and pages",
                "Edit your own drafts and take feedback gracefully",
                "Update older pieces so they stay accurate",
                "Keep editors informed about progress"),
        missions=("write pieces our readers bookmark and share", "make our words as good as our product"),
        cats=_cats("Writing", "Content Creator", "Copywriting", "All Other Remote", "Marketing", "Content")),
    _family(
        "sales", "Sales and business development", 8.0,
        (("Account Executive", 5), ("Sales Development Representative", 4), ("Business Development Representative", 2),
         ("Account Manager", 3), ("Sales Manager", 2), ("Business Development Manager", 2),
         ("Inside Sales Representative", 2), ("Sales Engineer", 1.5), ("Sales Operations Analyst", 1),
         ("!Head of Sales", 0.5), ("!VP of Sales", 0.3)),
        bundles=((("Salesforce", "CRM"), 5), (("HubSpot", "Lead Generation"), 3),
                 (("Cold Calling", "Cold Emailing", "Sales Prospecting"), 3),
                 (("LinkedIn Sales Navigator", "Apollo.io", "Outreach.io"), 2), (("B2B Sales", "SaaS Sales", "Solution Selling"), 3),
                 (("Account Management", "Upselling"), 2), (("Sales Negotiation", "Sales Pipeline Management"), 2),
                 (("Gong.io", "Salesloft"), 1)),
        head=("Salesforce", "CRM", "B2B Sales", "Negotiation", "HubSpot", "Lead Generation", "Account Management",
              "Business Development", "Cold Calling", "Sales Prospecting", "SaaS Sales", "Relationship Management",
              "Microsoft Excel", "Sales Pipeline Management", "LinkedIn Sales Navigator", "Presentation Skills",
              "Cold Emailing", "Customer Success", "Upselling", "Solution Selling", "Sales Strategy",
              "Territory Management", "Pipedrive", "Zoho", "ZoomInfo", "Gong.io", "Outreach.io", "Salesloft",
              "Apollo.io", "Inside Sales", "Sales Development", "Channel Sales"),
        tail=("marketing_sales", "soft_skills"),
        pay=(70, 110), types=(84, 4, 7, 4, 1), sen=_BIZ_SEN, hn=True, tech=False,
        artifact="a short note about a deal you're proud of",
        duties=("Run discovery calls and product demos",
                "Build and manage a healthy pipeline",
                "Negotiate and close deals",
                "Keep notes and forecasts accurate",
                "Share what you hear from the market with marketing and product"),
        missions=("grow revenue in a new market", "build our partner channel from the ground up"),
        cats=_cats("Sales", "Sales", "Marketing & Sales", "Sales and Marketing", "Sales")),
    _family(
        "customer_support", "Customer support and success", 6.0,
        (("Customer Support Specialist", 4), ("Customer Support Representative", 3), ("Customer Success Manager", 3),
         ("Technical Support Engineer", 2), ("Support Engineer", 1), ("Customer Service Representative", 3),
         ("Customer Experience Associate", 1.5), ("Onboarding Specialist", 1), ("!Support Team Lead", 0.8)),
        bundles=((("Zendesk", "Customer Service"), 5), (("Intercom", "Customer Service"), 2), (("Freshdesk", "Gorgias"), 1.5),
                 (("Salesforce", "Customer Success"), 2), (("Jira", "SQL"), 1.5), (("Gainsight", "Customer Retention"), 1),
                 (("Shopify", "E-commerce"), 1.5), (("Microsoft Excel", "Google Sheets"), 1.5), (("Kustomer", "Aircall"), 0.8)),
        head=("Customer Service", "Zendesk", "Empathy", "Problem Solving", "Customer Success", "Written Communication",
              "Time Management", "Intercom", "Salesforce", "Jira", "Freshdesk", "HubSpot", "Active Listening",
              "Conflict Resolution", "Microsoft Excel", "Google Workspace", "Attention to Detail", "Multitasking",
              "Customer Focus", "English Proficiency", "SQL", "Data Entry", "Gorgias", "Shopify", "Kustomer",
              "Aircall", "Dialpad", "Customer Retention"),
        tail=("soft_skills", "tools_platforms"),
        pay=(45, 62), types=(74, 12, 8, 4, 2), sen=_FLAT_SEN, tech=False,
        artifact="a few lines about a customer you helped",
        duties=("Answer customer questions by email and chat",
                "Sort out account and billing issues",
                "Spot patterns in tickets and share them with the product team",
                "Write and update help centre articles",
                "Keep a friendly, calm tone even on busy days"),
        missions=("help our customers get the most out of our product", "make every customer feel heard"),
        cats=_cats("Customer Service", "Customer Success", "Customer Success", "Customer Support",
                   "Customer Success", "Support")),
    _family(
        "finance", "Finance and accounting", 4.0,
        (("Accountant", 3), ("Bookkeeper", 3, ("Bookkeeping",)), ("Financial Analyst", 3), ("FP&A Analyst", 1),
         ("Accounts Payable Specialist", 1.5, ("Accounts Payable",)), ("!Controller", 1), ("Finance Manager", 1.5),
         ("Payroll Specialist", 1, ("Payroll",)), ("Tax Associate", 0.8, ("Tax Preparation",))),
        bundles=((("QuickBooks", "Bookkeeping", "Bank Reconciliation"), 4), (("Xero", "Accounts Payable", "Accounts Receivable"), 2.5),
                 (("Microsoft Excel", "Financial Modeling"), 5), (("GAAP", "Financial Reporting"), 3),
                 (("Oracle NetSuite", "ERP Systems"), 2), (("Budgeting", "Forecasting"), 3), (("CPA",), 1.5),
                 (("IFRS", "Auditing"), 1.5), (("Power BI", "SQL"), 1)),
        head=("Microsoft Excel", "Accounting", "Financial Reporting", "Budgeting", "Forecasting", "Financial Analysis",
              "QuickBooks", "GAAP", "Financial Modeling", "Bookkeeping", "Accounts Payable", "Accounts Receivable",
              "Bank Reconciliation", "Xero", "Oracle NetSuite", "Attention to Detail", "ERP Systems", "Tax Preparation",
              "Payroll", "Auditing", "IFRS", "SAP", "Cash Flow Management", "Internal Controls", "Revenue Recognition",
              "Sage Intacct", "Bill.com", "Expensify", "Power BI", "SQL", "Management Accounting"),
        tail=("business_finance", "certifications"),
        pay=(80, 115), types=(74, 8, 10, 7, 1), sen=_BIZ_SEN, tech=False,
        artifact="a short summary of your experience",
        duties=("Record transactions and reconcile accounts every month",
                "Prepare monthly statements and reports for leadership",
                "Handle payables, receivables and invoicing",
                "Support the year-end process with our external accountants",
                "Build models that help leadership plan with confidence"),
        missions=("keep our books clean and on time", "help leadership plan with confidence"),
        cats=_cats("Finance", "Finance", "Accounting & Finance", "Management and Finance", "Finance")),
    _family(
        "hr_recruiting", "HR and recruiting", 3.0,
        (("HR Generalist", 2), ("Recruiter", 3, ("Recruiting",)), ("Technical Recruiter", 2, ("Recruiting",)),
         ("Talent Acquisition Specialist", 2), ("People Operations Manager", 1.5), ("HR Business Partner", 1.5),
         ("HR Coordinator", 1.5), ("!Head of People", 0.5)),
        bundles=((("Recruiting", "Applicant Tracking Systems", "Candidate Sourcing"), 5), (("Workday HCM", "Human Resources"), 2),
                 (("BambooHR", "Employee Onboarding"), 2), (("Employee Relations", "Employment Law"), 2),
                 (("Payroll", ("Gusto Payroll", "ADP")), 2), (("Performance Management", "Compensation Planning"), 2),
                 (("Employer Branding", "Candidate Sourcing"), 1.5), (("SHRM-CP", "PHR"), 1)),
        head=("Recruiting", "Human Resources", "Applicant Tracking Systems", "Employee Relations", "Candidate Sourcing",
              "Employee Onboarding", "Interpersonal Skills", "Performance Management", "Microsoft Excel", "Workday HCM",
              "BambooHR", "Employment Law", "Payroll", "Compensation Planning", "Employer Branding",
              "Organizational Skills", "Stakeholder Management", "Negotiation", "Change Management", "Policy Development",
              "Conflict Resolution"),
        tail=("business_finance", "soft_skills"),
        pay=(70, 100), types=(76, 8, 10, 5, 1), sen=_BIZ_SEN, tech=False,
        duties=("Run hiring processes from first call to signed offer",
                "Keep our people policies clear and up to date",
                "Support managers with feedback, growth and tricky conversations",
                "Make onboarding smooth for every new colleague",
                "Track hiring and retention numbers and act on them"),
        missions=("help us hire and keep great people", "build a people team for the next stage"),
        cats=_cats("Human Resources", "Human Resources", "HR & Recruiting", "All Other Remote", "People")),
    _family(
        "operations_admin", "Operations and administration", 4.0,
        (("Operations Manager", 3), ("Executive Assistant", 3), ("Virtual Assistant", 3, ("Virtual Assistance",)),
         ("Administrative Assistant", 3, ("Administrative Support",)), ("Office Manager", 1.5), ("Operations Coordinator", 2),
         ("Data Entry Clerk", 1.5, ("Data Entry",)), ("Operations Analyst", 1.5), ("Supply Chain Analyst", 1),
         ("Procurement Specialist", 0.7, ("Procurement",))),
        bundles=((("Microsoft Office", "Microsoft Excel", "Google Workspace"), 5), (("Calendar Management", "Administrative Support"), 3),
                 (("Data Entry", "Attention to Detail"), 3), (("Trello", "Airtable"), 1.5),
                 (("Supply Chain Management", "Procurement", "Vendor Management"), 2),
                 (("Operations Management", "Process Improvement"), 3), (("QuickBooks", "Bookkeeping"), 1),
                 (("Zapier", "Workflow Automation"), 1.5), (("Order Management", "Customer Service"), 1.5)),
        head=("Microsoft Excel", "Microsoft Office", "Google Workspace", "Organizational Skills", "Time Management",
              "Data Entry", "Administrative Support", "Calendar Management", "Attention to Detail", "Process Improvement",
              "Operations Management", "Multitasking", "Project Coordination", "Vendor Management", "Google Sheets",
              "Microsoft PowerPoint", "Microsoft Word", "Airtable", "Trello", "Zapier", "Virtual Assistance",
              "Customer Service", "Bookkeeping", "Procurement", "Supply Chain Management", "Notion", "Slack"),
        tail=("business_finance", "tools_platforms"),
        pay=(50, 70), types=(66, 12, 10, 10, 2), sen=_FLAT_SEN, tech=False,
        duties=("Keep calendars, travel and meetings running smoothly",
                "Own day-to-day operations so the team can focus",
                "Keep records, contracts and files organised",
                "Coordinate with suppliers and service providers",
                "Find small ways to make our processes simpler"),
        missions=("keep the business running smoothly", "support a busy leadership team"),
        cats=_cats("All others", "Operations", "Admin", "All Other Remote", "Operations")),
    _family(
        "legal", "Legal and compliance", 1.5,
        (("Paralegal", 3, ("Paralegal Work",)), ("Legal Counsel", 2), ("Corporate Counsel", 1),
         ("Compliance Analyst", 2, ("Compliance",)), ("Contracts Manager", 1.5, ("Contract Management",)),
         ("Legal Operations Specialist", 1), ("Privacy Counsel", 0.5, ("Data Privacy",)), ("Compliance Officer", 1, ("Compliance",))),
        bundles=((("Contract Management", "Legal Research"), 3), (("Compliance", "Risk Management"), 3), (("GDPR", "Data Privacy"), 2),
                 (("Corporate Law", "Mergers and Acquisitions"), 1.5), (("Intellectual Property",), 1),
                 (("eDiscovery", "Legal Writing"), 1.5), (("Know Your Customer", "Customer Due Diligence"), 1.5),
                 (("DocuSign", "Microsoft Word"), 1.5), (("SOX Compliance", "Internal Controls"), 1)),
        head=("Compliance", "Legal Research", "Contract Management", "Legal Writing", "Risk Management", "GDPR",
              "Data Privacy", "Corporate Law", "Microsoft Word", "Attention to Detail", "Due Diligence",
              "Intellectual Property", "Employment Law", "Regulatory Affairs", "Policy Development", "Know Your Customer",
              "eDiscovery", "Negotiation", "DocuSign"),
        tail=("business_finance",),
        pay=(90, 140), types=(80, 6, 9, 4, 1), sen=_BIZ_SEN, tech=False,
        duties=("Draft and review contracts with customers and suppliers",
                "Keep our contract records accurate",
                "Answer questions from the business quickly and clearly",
                "Track new rules that affect our work",
                "Support the team on audits and regulator requests"),
        missions=("keep the company on the right side of the rules", "make legal work fast and predictable"),
        cats=_cats("Legal", "Legal", "Legal", "Management and Finance", "Legal")),
    _family(
        "education", "Education and training", 2.0,
        (("Online Tutor", 2), ("ESL Teacher", 2), ("Math Tutor", 1.5), ("Instructional Designer", 2, ("Instructional Design",)),
         ("Curriculum Developer", 1.5), ("Teacher", 1.5), ("Learning Experience Designer", 1),
         ("Course Creator", 0.6, ("Course Creation",)), ("Corporate Trainer", 1)),
        bundles=((("Instructional Design", "Course Creation"), 3), (("TEFL", "TESOL", "CELTA"), 2.5),
                 (("English Proficiency", "Communication"), 3), (("Zoom", "Google Meet"), 2), (("Teachable", "Thinkific", "Kajabi"), 1),
                 (("Canva", "Google Slides"), 2), (("Microsoft PowerPoint", "Presentation Skills"), 2),
                 (("Storytelling", "Public Speaking"), 1)),
        head=("Communication", "Instructional Design", "English Proficiency", "Presentation Skills", "Course Creation",
              "Public Speaking", "Google Slides", "Canva", "Microsoft PowerPoint", "Empathy", "Time Management", "TEFL",
              "TESOL", "Google Docs", "Zoom", "Google Meet", "Facilitation", "Creativity", "Adaptability", "Storytelling",
              "Video Editing", "Teachable", "Thinkific", "Kajabi"),
        tail=("writing_content", "soft_skills"),
        pay=(50, 72), types=(45, 20, 15, 17, 3), sen=_FLAT_SEN, tech=False,
        artifact="a short note about how you teach",
        duties=("Plan and run engaging live lessons",
                "Give learners clear, kind and useful feedback",
                "Build lesson materials and keep them current",
                "Track progress and adapt to each learner",
                "Work with the team to improve our courses"),
        missions=("help learners reach their goals", "make our courses the best part of our learners' week"),
        cats=_cats("Education", "Education", "Education", "All Other Remote", "Education")),
    _family(
        "healthcare", "Healthcare", 3.0,
        (("Registered Nurse", 3), ("Telehealth Nurse", 1.5), ("Medical Coder", 2), ("Medical Billing Specialist", 1.5),
         ("Clinical Research Coordinator", 1.5), ("Medical Scribe", 1), ("Care Coordinator", 1.5), ("Pharmacist", 0.7),
         ("Nurse Practitioner", 1)),
        bundles=((("Certified Professional Coder", "Certified Coding Specialist"), 2), (("Medical Writing", "Regulatory Affairs"), 1),
                 (("Data Entry", "Attention to Detail"), 2), (("Empathy", "Communication"), 3), (("Compliance", "Data Privacy"), 1.5),
                 (("Microsoft Excel", "Microsoft Office"), 2), (("Customer Service", "Time Management"), 2), (("Transcription",), 1)),
        head=("Communication", "Empathy", "Attention to Detail", "Time Management", "Data Entry", "Compliance",
              "Microsoft Office", "Customer Service", "Certified Professional Coder", "Microsoft Excel",
              "Interpersonal Skills", "Medical Writing", "Transcription", "Teamwork", "Critical Thinking",
              "Decision Making", "Stress Management", "Active Listening", "Multitasking", "Organizational Skills",
              "Regulatory Affairs", "Data Privacy", "Certified Coding Specialist"),
        tail=("soft_skills",),
        pay=(65, 95), types=(70, 16, 8, 4, 2), sen=_FLAT_SEN, tech=False,
        artifact="your licence details and a short CV",
        duties=("Support patients with care, patience and clear explanations",
                "Keep patient records accurate and complete",
                "Work closely with physicians and care teams",
                "Follow clinical protocols and privacy rules carefully",
                "Help improve how our clinics work day to day"),
        missions=("give patients the care they deserve", "help our clinics run smoothly"),
        cats=_cats("Medical", "Healthcare", "Healthcare", "All Other Remote", "Clinical")),
]}

_SOFT = ("Communication", "Written Communication", "Teamwork", "Problem Solving", "Attention to Detail",
         "Time Management", "Cross-Functional Collaboration", "Remote Collaboration", "Self-Motivation",
         "Adaptability", "Critical Thinking", "Mentoring", "Leadership", "English Proficiency", "Organizational Skills")

# --------------------------------------------------------------------------------------------
# Planted signals
# --------------------------------------------------------------------------------------------
# shape, level at the start, level at the end, midpoint and width of the logistic (relative time
# 0..1 over the window), and the families it applies to with a factor. "emerging": zero until the
# last `emerging_weeks` weeks, then a ramp to `end`.

TRENDS: dict[str, dict[str, Any]] = {
    "Large Language Models": {"shape": "rising", "start": 0.02, "end": 0.55, "mid": 0.72, "width": 0.08,
                              "families": {"data_science_ml": 1.0, "software_engineering": 0.55, "data_engineering": 0.45,
                                           "product": 0.45, "analytics": 0.35, "writing_content": 0.4, "marketing": 0.3,
                                           "customer_support": 0.3, "qa": 0.25, "design": 0.25, "devops_cloud": 0.2,
                                           "security": 0.2, "frontend": 0.3, "mobile": 0.15, "sales": 0.15,
                                           "education": 0.15, "project_management": 0.15, "operations_admin": 0.1,
                                           "legal": 0.1, "finance": 0.08, "hr_recruiting": 0.08}},
    "LangChain": {"shape": "rising", "start": 0.0, "end": 0.60, "mid": 0.76, "width": 0.06,
                  "families": {"data_science_ml": 1.0, "software_engineering": 0.45, "data_engineering": 0.35,
                               "frontend": 0.1, "devops_cloud": 0.12, "product": 0.1}},
    "Rust": {"shape": "rising", "start": 0.03, "end": 0.26, "mid": 0.68, "width": 0.12,
             "families": {"software_engineering": 1.0, "devops_cloud": 0.6, "security": 0.6, "data_engineering": 0.3,
                          "mobile": 0.15}},
    "Playwright": {"shape": "rising", "start": 0.04, "end": 0.50, "mid": 0.66, "width": 0.10,
                   "families": {"qa": 1.0, "frontend": 0.5, "software_engineering": 0.1}},
    "jQuery": {"shape": "falling", "start": 0.45, "end": 0.03, "mid": 0.66, "width": 0.10,
               "families": {"frontend": 1.0, "software_engineering": 0.35, "design": 0.25, "marketing": 0.1, "qa": 0.2}},
    "AngularJS": {"shape": "falling", "start": 0.25, "end": 0.01, "mid": 0.68, "width": 0.08,
                  "families": {"frontend": 1.0, "software_engineering": 0.4, "qa": 0.3}},
    "Selenium": {"shape": "falling", "start": 0.55, "end": 0.15, "mid": 0.66, "width": 0.10,
                 "families": {"qa": 1.0, "software_engineering": 0.08, "frontend": 0.1}},
    "Model Context Protocol": {"shape": "emerging", "start": 0.0, "end": 0.30, "emerging_weeks": 20,
                               "families": {"data_science_ml": 1.0, "software_engineering": 0.5, "data_engineering": 0.3,
                                            "devops_cloud": 0.2, "product": 0.2, "frontend": 0.15}},
}
#: Skills whose share is flat over time by construction (bundles and heads do not depend on time).
_CONTRACT_RISE_NAMES: tuple[str, ...] = ()  # set below, after CONTRACT_RISE
STABLE = ("Python", "SQL", "React", "AWS", "Docker", "Figma", "SEO", "Salesforce", "Microsoft Excel", "Kubernetes")
#: Multiplier on pay when the posting asks for the skill (they multiply, capped at 1.35).
PAY_PREMIUMS: dict[str, float] = {"Rust": 1.15, "LangChain": 1.12, "Scala": 1.10, "Kubernetes": 1.08, "Go": 1.08,
                                  "Large Language Models": 1.08, "Snowflake": 1.07, "Terraform": 1.06,
                                  "Salesforce": 1.06, "WordPress": 0.86, "jQuery": 0.90, "Data Entry": 0.85,
                                  "Canva": 0.92}
_PREMIUM_SKILLS = frozenset()  # set below
#: Skills whose postings turn to contract/freelance work over the window (share of postings with
#: the skill that are contract or freelance: logistic from `start` to `end`).
CONTRACT_RISE: dict[str, dict[str, float]] = {"Shopify": {"start": 0.18, "end": 0.58, "mid": 0.5, "width": 0.1},
                                              "Webflow": {"start": 0.20, "end": 0.60, "mid": 0.5, "width": 0.1}}
_CONTRACT_RISE_NAMES = tuple(CONTRACT_RISE)
_PREMIUM_SKILLS = frozenset(PAY_PREMIUMS)

# --------------------------------------------------------------------------------------------
# Copies
# --------------------------------------------------------------------------------------------
_CROSS_BOARD_RATE = 0.10  # drawn per English job (about 6% of distinct jobs end up copied); 20% reach a third board
_CITY_VARIANT_RATE = 0.04  # of onsite/hybrid jobs on ATS boards and Arbeitnow
_REPOST_RATE = {"hackernews": 0.30}  # others: _REPOST_DEFAULT
_REPOST_DEFAULT = 0.025
_LOOKALIKE_RATE = 0.03  # of jobs whose title names the stack
_DUP_WINDOW_DAYS = 45  # distinct jobs of one company never share a title within this window

# --------------------------------------------------------------------------------------------
# Geography
# --------------------------------------------------------------------------------------------
# Remote eligibility: key -> (weight, pay level vs US, currency choices, label per source style).
_REMOTE_GEOS: dict[str, tuple[float, float, tuple[tuple[str, float], ...]]] = {
    "WW": (28, 0.80, (("USD", 1.0),)), "US": (24, 1.0, (("USD", 1.0),)), "US_CA": (6, 0.95, (("USD", 1.0),)),
    "EU": (10, 0.65, (("EUR", 0.6), ("USD", 0.4))), "UK": (4, 0.75, (("GBP", 0.9), ("USD", 0.1))),
    "DE": (2, 0.7, (("EUR", 1.0),)), "LATAM": (4, 0.40, (("USD", 1.0),)), "BR": (3, 0.35, (("USD", 1.0),)),
    "AMER": (3, 0.85, (("USD", 1.0),)), "CA": (3, 0.80, (("USD", 1.0),)), "IN": (2, 0.25, (("USD", 1.0),)),
    "APAC": (1.5, 0.55, (("USD", 1.0),)), "PL": (1, 0.45, (("EUR", 0.7), ("USD", 0.3))),
    "ES": (1, 0.50, (("EUR", 1.0),)), "NL": (1, 0.70, (("EUR", 1.0),)), "FR": (1, 0.62, (("EUR", 1.0),)),
    "AU": (1.5, 0.80, (("USD", 1.0),)), "EMEA": (2, 0.62, (("EUR", 0.5), ("USD", 0.5))),
    "US_EU": (3, 0.85, (("USD", 1.0),)),
}
# How each source writes a remote eligibility (what the source's own field would hold).
_REMOTE_LABELS: dict[str, dict[str, str]] = {
    "default": {"WW": "Worldwide", "US": "USA", "US_CA": "USA, Canada", "EU": "Europe", "UK": "UK", "DE": "Germany",
                "LATAM": "LATAM", "BR": "Brazil", "AMER": "Americas", "CA": "Canada", "IN": "India", "APAC": "APAC",
                "PL": "Poland", "ES": "Spain", "NL": "Netherlands", "FR": "France", "AU": "Australia", "EMEA": "EMEA",
                "US_EU": "Americas, Europe"},
    "remotive": {"EU": "Europe, UK, European timezones", "US": "USA", "US_CA": "USA, Canada, USA timezones",
                 "LATAM": "Northern America, LATAM"},
    "remoteok": {"WW": "Worldwide", "US": "United States", "US_CA": "United States, Canada", "EU": "Europe",
                 "UK": "United Kingdom", "BR": "Remote, Brazil", "IN": "Remote, India"},
    "himalayas": {"US": "United States", "US_CA": "United States, Canada", "UK": "United Kingdom",
                  "EU": "Germany, France, Netherlands, Spain, Poland", "US_EU": "United States, Germany, United Kingdom",
                  "LATAM": "Brazil, Mexico, Argentina, Colombia", "AMER": "United States, Canada, Brazil, Mexico",
                  "APAC": "Singapore, Australia, India", "EMEA": "Germany, United Kingdom, South Africa"},
    "jobicy": {"WW": "Anywhere", "US": "USA", "US_CA": "Canada, USA", "EU": "Europe", "UK": "UK",
               "LATAM": "LATAM", "US_EU": "EMEA,  LATAM,  Canada,  USA"},
    "weworkremotely": {"WW": "Anywhere in the World", "US": "USA Only", "US_CA": "North America Only",
                       "EU": "Europe Only", "UK": "UK Only", "DE": "Europe Only", "LATAM": "Latin America Only",
                       "BR": "Latin America Only", "AMER": "Americas Only", "CA": "Canada Only",
                       "AU": "Oceania Only", "APAC": "Anywhere in the World", "IN": "Anywhere in the World",
                       "PL": "Europe Only", "ES": "Europe Only", "NL": "Europe Only", "FR": "Europe Only",
                       "EMEA": "Europe Only", "US_EU": "Anywhere in the World"},
    "hackernews": {"WW": "Remote (Worldwide)", "US": "Remote (US)", "US_CA": "Remote (US/Canada)", "EU": "Remote (EU)",
                   "UK": "Remote (UK)", "DE": "Remote (Germany)", "LATAM": "Remote (LATAM)", "BR": "Remote (Brazil)",
                   "AMER": "Remote (Americas)", "CA": "Remote (Canada)", "IN": "Remote (India)", "APAC": "Remote (APAC)",
                   "PL": "Remote (Poland)", "ES": "Remote (Spain)", "NL": "Remote (Netherlands)",
                   "FR": "Remote (France)", "AU": "Remote (Australia)", "EMEA": "Remote (EMEA)",
                   "US_EU": "Remote (US or EU)"},
    "greenhouse": {"WW": "Remote - Anywhere", "US": "Remote - US", "US_CA": "Remote - US or Canada", "EU": "Remote - Europe",
                   "UK": "Remote - UK", "DE": "Remote - Germany", "LATAM": "Remote - LATAM", "BR": "Remote - Brazil",
                   "AMER": "Remote - Americas", "CA": "Remote - Canada", "IN": "Remote - India", "APAC": "Remote - APAC",
                   "PL": "Remote - Poland", "ES": "Remote - Spain", "NL": "Remote - Netherlands",
                   "FR": "Remote - France", "AU": "Remote - Australia", "EMEA": "Remote - EMEA",
                   "US_EU": "Remote - US or Europe"},
    "lever": {"WW": "Remote, Worldwide", "US": "Remote, United States", "US_CA": "Remote, US or Canada", "EU": "Remote, Europe",
              "UK": "Remote, United Kingdom", "DE": "Remote, Germany", "LATAM": "Remote, Latin America",
              "BR": "Remote, Brazil", "AMER": "Remote, Americas", "CA": "Remote, Canada", "IN": "Remote, India",
              "APAC": "Remote, APAC", "PL": "Remote, Poland", "ES": "Remote, Spain", "NL": "Remote, Netherlands",
              "FR": "Remote, France", "AU": "Remote, Australia", "EMEA": "Remote, EMEA",
              "US_EU": "Remote, US or Europe"},
    "arbeitnow": {"DE": "Germany", "EU": "Europe", "WW": "Remote", "UK": "United Kingdom"},
}
# Offices: (city, how boards write it, country code, pay level vs US, currency, weight). The
# second field is a full location text the normaliser resolves to the country.
_CITIES: tuple[tuple[str, str, str, float, str, float], ...] = (
    ("New York", "New York, NY", "US", 1.05, "USD", 9), ("San Francisco", "San Francisco, CA", "US", 1.12, "USD", 8),
    ("Austin", "Austin, TX", "US", 0.95, "USD", 4), ("Seattle", "Seattle, WA", "US", 1.05, "USD", 4),
    ("Chicago", "Chicago, IL", "US", 0.95, "USD", 3), ("Boston", "Boston, MA", "US", 1.0, "USD", 3),
    ("Denver", "Denver, CO", "US", 0.92, "USD", 2), ("Atlanta", "Atlanta, GA", "US", 0.88, "USD", 2),
    ("Toronto", "Toronto, Canada", "CA", 0.78, "USD", 3), ("Vancouver", "Vancouver, Canada", "CA", 0.78, "USD", 1.5),
    ("London", "London, UK", "GB", 0.80, "GBP", 7), ("Manchester", "Manchester, UK", "GB", 0.65, "GBP", 1.5),
    ("Berlin", "Berlin, Germany", "DE", 0.70, "EUR", 5), ("Munich", "Munich, Germany", "DE", 0.75, "EUR", 3),
    ("Hamburg", "Hamburg, Germany", "DE", 0.70, "EUR", 2), ("Paris", "Paris, France", "FR", 0.65, "EUR", 3),
    ("Amsterdam", "Amsterdam, Netherlands", "NL", 0.72, "EUR", 3), ("Madrid", "Madrid, Spain", "ES", 0.50, "EUR", 2),
    ("Barcelona", "Barcelona, Spain", "ES", 0.50, "EUR", 2), ("Warsaw", "Warsaw, Poland", "PL", 0.45, "EUR", 2),
    ("Kraków", "Kraków, Poland", "PL", 0.42, "EUR", 1), ("Dublin", "Dublin, Ireland", "IE", 0.78, "EUR", 2),
    ("Lisbon", "Lisbon, Portugal", "PT", 0.45, "EUR", 1.5), ("Stockholm", "Stockholm, Sweden", "SE", 0.70, "EUR", 1),
    ("Zurich", "Zurich, Switzerland", "CH", 1.0, "EUR", 1), ("São Paulo", "São Paulo, Brazil", "BR", 0.35, "USD", 2.5),
    ("Campinas", "Campinas, Brazil", "BR", 0.32, "USD", 0.6), ("Montevideo", "Montevideo, Uruguay", "UY", 0.40, "USD", 0.6),
    ("Mexico City", "Mexico City, Mexico", "MX", 0.38, "USD", 1.5), ("Bengaluru", "Bengaluru, India", "IN", 0.25, "USD", 3),
    ("Hyderabad", "Hyderabad, India", "IN", 0.24, "USD", 1.5), ("Pune", "Pune, India", "IN", 0.23, "USD", 1),
    ("Sydney", "Sydney, Australia", "AU", 0.82, "USD", 2), ("Melbourne", "Melbourne, Australia", "AU", 0.80, "USD", 1.5),
    ("Singapore", "Singapore", "SG", 0.80, "USD", 1.5),
)
# Cities by country (city-variant copies stay in one country or region).
_CITY_GROUPS: dict[str, tuple[str, ...]] = {
    "US": ("New York", "San Francisco", "Austin", "Seattle", "Chicago", "Boston", "Denver", "Atlanta"),
    "CA": ("Toronto", "Vancouver", "Montreal", "Ottawa"), "GB": ("London", "Manchester", "Edinburgh", "Bristol"),
    "DE": ("Berlin", "Munich", "Hamburg", "Frankfurt", "Cologne", "Stuttgart"),
    "FR": ("Paris", "Lyon", "Toulouse", "Nantes"), "NL": ("Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"),
    "ES": ("Madrid", "Barcelona", "Valencia", "Seville"), "PL": ("Warsaw", "Kraków", "Wrocław", "Gdańsk"),
    "IE": ("Dublin", "Cork", "Galway"), "PT": ("Lisbon", "Porto", "Braga"), "SE": ("Stockholm", "Gothenburg", "Malmö"),
    "CH": ("Zurich", "Geneva", "Basel"), "BR": ("São Paulo", "Campinas", "Rio de Janeiro", "Belo Horizonte", "Curitiba"),
    "UY": ("Montevideo",), "MX": ("Mexico City", "Guadalajara", "Monterrey"),
    "IN": ("Bengaluru", "Hyderabad", "Pune", "Chennai", "Gurugram"), "AU": ("Sydney", "Melbourne", "Brisbane", "Perth"),
    "SG": ("Singapore",),
}
_COUNTRY_NAME = {"US": "USA", "CA": "Canada", "GB": "UK", "DE": "Germany", "FR": "France", "NL": "Netherlands",
                 "ES": "Spain", "PL": "Poland", "IE": "Ireland", "PT": "Portugal", "SE": "Sweden", "CH": "Switzerland",
                 "BR": "Brazil", "UY": "Uruguay", "MX": "Mexico", "IN": "India", "AU": "Australia", "SG": "Singapore"}
_US_STATE = {"New York": "NY", "San Francisco": "CA", "Austin": "TX", "Seattle": "WA", "Chicago": "IL", "Boston": "MA",
             "Denver": "CO", "Atlanta": "GA"}
# Arbeitnow's own cities (German boards), the way it writes them: a bare city or "City, State, Germany".
_DE_CITIES = (("Berlin", "Berlin, Berlin, Germany", 13), ("Munich", "Munich, Bavaria, Germany", 10),
              ("Hamburg", "Hamburg, Hamburg, Germany", 5), ("Frankfurt", "Frankfurt, Hesse, Germany", 8),
              ("Cologne", "Cologne, North Rhine-Westphalia, Germany", 4), ("Düsseldorf", "Düsseldorf, North Rhine-Westphalia, Germany", 4),
              ("Stuttgart", "Stuttgart, Baden-Württemberg, Germany", 3), ("Hanover", "Hanover, Lower Saxony, Germany", 3),
              ("Leipzig", "Leipzig, Saxony, Germany", 2), ("Nuremberg", "Nuremberg, Bavaria, Germany", 2),
              ("Vienna", "Vienna, Austria", 2), ("Zurich", "Zurich, Switzerland", 1.5))
_FX = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79}
_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£"}

# --------------------------------------------------------------------------------------------
# Companies (generated, all fictional)
# --------------------------------------------------------------------------------------------
_NAME_A = ("North Blue Copper Iron Silver Red Pine Oak Stone Cedar Maple Willow Amber Birch Cloud Dawn Elm Fern Gold "
           "Hollow Lark Moon Salt Sand Tide Wild Bright Clear Deep Fair Far Green Grey High Long Mist Rain River Sea "
           "Snow Star Sun True West East South Frost Glen Harbor Kite Lake Marsh Meadow Rock Swan Thorn Wolf Fox Bear "
           "Crane Ash Bay Coral Dune Ember Flint Hazel Ivy Jade Juniper Lumen Nova Opal Plum Quill Raven Sage Teal "
           "Umber Vale Wren").split()
_NAME_B = ("wind fern line wood field brook crest gate ridge stone light leaf water hill vale wick ford haven mark well "
           "bridge bank port grove mill moor mere shore path way loom fall top wing bird beam glow spire point rise "
           "bend cove dale fold hurst lock row side star vine yard").split()
_NAME_BAD = frozenset({"fargate"})  # compounds that are skill names
# Industry: (name, name endings, family multipliers, blurbs, German blurbs). A company's name ends
# with one of its industry's words (the lists are disjoint, so names stay unique); an industry's
# share of companies is its share of endings. Blurbs complete "<Company> ...".
_INDUSTRIES: tuple[tuple[str, tuple[str, ...], dict[str, float], tuple[str, ...], tuple[str, ...]], ...] = (
    ("saas", ("Software", "Systems", "Labs", "Cloud", "Works", "Platforms", "Technologies", "Apps", "Foundry", "Devices"),
     {"software_engineering": 1.4, "frontend": 1.3, "devops_cloud": 1.3, "product": 1.4, "qa": 1.2,
      "healthcare": 0.05, "education": 0.3},
     ("builds scheduling and billing software for independent clinics",
      "makes project tracking software for construction firms",
      "builds a customer feedback platform used by product teams",
      "makes collaborative documentation software",
      "builds field-service software for plumbers and electricians",
      "makes booking software for outdoor adventure companies",
      "builds purchasing software for mid-sized manufacturers",
      "helps small teams plan their week without endless meetings"),
     ("entwickelt Software für die Terminplanung in Arztpraxen",
      "baut Werkzeuge, mit denen kleine Teams ihre Projekte planen")),
    ("fintech", ("Payments", "Finance", "Capital", "Markets"),
     {"software_engineering": 1.3, "security": 1.5, "finance": 1.6, "legal": 1.8, "data_engineering": 1.2},
     ("builds payment infrastructure for online marketplaces",
      "makes salaries and benefits simple for teams spread across many countries",
      "helps freelancers handle invoices, taxes and savings",
      "helps insurance brokers quote and bind policies online",
      "gives small businesses a calmer way to manage cash"),
     ("macht Zahlungen für Online-Marktplätze einfach", "hilft Selbstständigen bei Rechnungen und Steuern")),
    ("health", ("Health", "Clinics", "Care", "Biosciences"),
     {"healthcare": 6.0, "software_engineering": 0.8, "customer_support": 1.2, "legal": 1.2},
     ("builds telehealth software for physiotherapists and their patients",
      "runs a network of virtual mental health clinics",
      "builds patient intake software for dental practices",
      "helps people with chronic conditions get care at home"),
     ("betreibt ein Netz von Praxen für Physiotherapie", "entwickelt Software für die Patientenaufnahme")),
    ("education", ("Learning", "Academy", "Tutors"),
     {"education": 6.0, "writing_content": 1.3, "design": 1.1},
     ("offers live online courses for working professionals",
      "builds learning tools that help adults finish professional certifications",
      "makes a writing app for students and teachers",
      "runs online tutoring for secondary school students"),
     ("bietet Online-Kurse für Berufstätige an",)),
    ("ecommerce", ("Commerce", "Retail", "Goods", "Outfitters", "Foods"),
     {"marketing": 1.6, "customer_support": 1.6, "operations_admin": 1.5, "design": 1.2},
     ("sells sustainable home goods to customers across Europe",
      "sells healthy snacks directly to consumers and offices",
      "sells clean skincare directly to its customers",
      "delivers pet food and care products on subscription",
      "gives small brands everything they need to sell to their fans"),
     ("verkauft nachhaltige Wohnaccessoires", "liefert Tierfutter im Abo")),
    ("agency", ("Studio", "Agency", "Collective", "Creative"),
     {"marketing": 2.2, "design": 2.5, "writing_content": 2.5, "frontend": 1.3, "project_management": 1.6},
     ("is a marketing agency for mission-driven consumer brands",
      "designs websites and brands for independent hotels and restaurants",
      "is a small product studio building apps for startups",
      "is a content studio writing for technology companies"),
     ("ist eine Agentur für Marken mit Haltung", "gestaltet Websites für Hotels und Restaurants")),
    ("media", ("Media", "Press"),
     {"writing_content": 3.0, "marketing": 1.4, "design": 1.3, "sales": 1.2},
     ("publishes independent guides for personal finance and investing",
      "runs a network of outdoor and nature publications",
      "produces podcasts and weekly letters about science"),
     ("veröffentlicht Ratgeber rund um Geld und Vorsorge",)),
    ("logistics", ("Freight", "Mobility", "Transit", "Robotics"),
     {"operations_admin": 2.0, "software_engineering": 1.0, "data_engineering": 1.2, "sales": 1.2},
     ("helps shipping companies plan routes and track freight in real time",
      "is a digital freight forwarder for small importers",
      "runs shared e-bike fleets in mid-sized cities",
      "builds software for warehouse robots"),
     ("plant Routen für Speditionen in Echtzeit", "betreibt E-Bike-Flotten in mittelgroßen Städten")),
    ("energy", ("Energy", "Solar", "Industries"),
     {"software_engineering": 1.0, "data_science_ml": 1.2, "operations_admin": 1.3, "sales": 1.3},
     ("helps homeowners plan and finance solar installations",
      "makes home energy audits fast and affordable",
      "builds monitoring software for electrical utilities",
      "builds weather and soil insights for farmers"),
     ("hilft Hausbesitzern bei der Planung von Solaranlagen",)),
    ("games", ("Games", "Interactive"),
     {"software_engineering": 1.2, "design": 1.8, "qa": 2.0, "customer_support": 1.3},
     ("makes cozy mobile games played by millions", "builds audio plugins for musicians and producers"),
     ("entwickelt gemütliche Spiele für das Smartphone",)),
    ("security", ("Security", "Shield"),
     {"security": 5.0, "devops_cloud": 1.5, "sales": 1.2},
     ("builds security monitoring for small IT teams", "helps companies find leaked passwords before attackers do"),
     ("schützt kleine IT-Teams vor Angriffen",)),
    ("ai", ("AI", "Data", "Analytics", "Insights"),
     {"data_science_ml": 4.0, "data_engineering": 2.0, "software_engineering": 1.3, "product": 1.2},
     ("builds research tools for ocean scientists",
      "helps support teams answer questions they have never seen before",
      "helps public agencies publish and study open data",
      "builds tools that read contracts for busy legal teams"),
     ("entwickelt Werkzeuge für Support-Teams",)),
    ("services", ("Partners", "Group", "Consulting", "Solutions", "Ventures", "Homes", "Advisory"),
     {"project_management": 1.5, "hr_recruiting": 1.8, "finance": 1.5, "legal": 1.5, "sales": 1.3,
      "operations_admin": 1.4, "it_support": 1.6},
     ("helps nonprofits manage donors, grants and volunteers in one place",
      "is an investment firm focused on small software businesses",
      "helps first-time buyers find and finance a home",
      "helps growing companies hire and welcome their first hundred people",
      "runs the back office for independent accounting firms"),
     ("unterstützt Kanzleien im Tagesgeschäft", "hilft wachsenden Firmen bei der Personalsuche")),
)
_NAME_KIND = tuple(kind for _n, kinds, _m, _b, _d in _INDUSTRIES for kind in kinds)
_KIND_INDUSTRY = tuple(i for i, (_n, kinds, _m, _b, _d) in enumerate(_INDUSTRIES) for _k in kinds)
_HQ = (("US", 45), ("GB", 10), ("DE", 9), ("FR", 4), ("NL", 4), ("ES", 3), ("PL", 3), ("CA", 5), ("BR", 4), ("IN", 5),
       ("AU", 3), ("IE", 1), ("PT", 1), ("SE", 1), ("CH", 1), ("MX", 1))

# --------------------------------------------------------------------------------------------
# Text fragments (checked to name no skill of their own; see tests/test_synth.py)
# --------------------------------------------------------------------------------------------
_ONSITE_TEAM = ("Our team of {n} works together from our office in {city}.",
                "We're {n} people, most of us in {city}, and we like it that way.",
                "The team is {n} people today, working from a bright office in {city}.")
_HYBRID_TEAM = ("We're {n} people and we meet in our {city} office two or three days a week.",
                "Our team of {n} splits its week between home and our office in {city}.")
_CONTEXT = {
    "full_time": ("You'll work closely with a small, senior team and have real ownership.",
                  "You'll report to the head of the team and work with colleagues across the company.",
                  "It's a full-time, permanent position."),
    "part_time": ("This is a part-time role, about {h} hours a week.",),
    "contract": ("This is a {m}-month contract with a strong chance of extension.",
                 "This is a contract role for about {m} months, starting as soon as possible."),
    "freelance": ("This is a freelance engagement of roughly {h} hours a week; you set your own schedule.",
                  "We're looking for a freelancer for an ongoing engagement of about {h} hours a week."),
    "internship": ("This is a paid internship with a dedicated mentor and real responsibility.",),
}
_HEADINGS = {
    "do": ("What you'll do", "Responsibilities", "Your role", "What you will do"),
    "need": ("What we're looking for", "Requirements", "About you", "What you bring"),
    "nice": ("Nice to have", "Bonus points", "Nice-to-haves"),
    "offer": ("What we offer", "Benefits", "Why you'll like working here"),
}
_STACK_LINE = ("Our stack: {x}.", "Tech stack: {x}.", "Tools we use every day: {x}.", "You'll work with {x}.")
_REQ_EXTRA = {
    True: ("{n}+ years of experience in a similar role", "You're comfortable working on your own and with a team",
           "You write things down: design notes, clear pull requests, good commit messages"),
    False: ("{n}+ years of experience in a similar role", "You're organised, reliable and happy working independently",
            "You take ownership and follow through"),
}
_NICE_EXTRA = ("Experience at an early-stage startup", "Side projects you can show us",
               "Experience working with international clients")
_APPLY = ("Send us your CV and {a}.", "Apply with your CV and {a}.", "To apply, share your CV and {a}.")
_OUTRO = {
    "greenhouse": "We are an equal opportunity employer and value diversity at our company.",
    "hackernews": "Interested? Email jobs@{domain} with the role in the subject line.",
}
# German text for Arbeitnow's own postings.
_DE = {
    "about": "Über uns", "do": ("Deine Aufgaben", "Das erwartet dich"), "need": ("Dein Profil", "Das bringst du mit"),
    "nice": ("Schön wäre", "Pluspunkte"), "offer": ("Wir bieten", "Deine Vorteile"),
    "intro": ("Wir suchen ab sofort eine:n {role} für unser Team.", "Zur Verstärkung unseres Teams suchen wir eine:n {role}."),
    "duties_tech": ("Du entwickelst neue Funktionen für unsere Produkte", "Du arbeitest eng mit Produkt und Design zusammen",
                    "Du sorgst für stabile und schnelle Abläufe", "Du teilst dein Wissen im Team",
                    "Du übernimmst Verantwortung für deine Themen von der Idee bis zum Betrieb"),
    "duties_biz": ("Du betreust unsere Kundinnen und Kunden", "Du planst und koordinierst Projekte im Team",
                   "Du entwickelst unsere Abläufe weiter", "Du arbeitest eng mit allen Abteilungen zusammen",
                   "Du übernimmst Verantwortung für deine Themen"),
    "req": ("Erfahrung mit {s}", "Sehr gute Kenntnisse in {s}", "Praktische Erfahrung mit {s}", "Sicherer Umgang mit {s}"),
    "nice_req": ("Idealerweise Erfahrung mit {s}", "Erste Erfahrung mit {s}"),
    "extra": ("Gute Deutsch- und Englischkenntnisse", "Eine selbstständige und strukturierte Arbeitsweise",
              "Mindestens {n} Jahre Berufserfahrung"),
    "offer_items": ("Ein unbefristeter Arbeitsvertrag", "Flexible Arbeitszeiten und die Möglichkeit zum mobilen Arbeiten",
                    "30 Tage Urlaub", "Ein Zuschuss zum Deutschlandticket", "Regelmäßige Weiterbildungen",
                    "Ein modernes Büro in zentraler Lage", "Ein offenes, hilfsbereites Team"),
    "apply": ("Wir freuen uns auf deine Bewerbung mit Lebenslauf.", "Bewirb dich jetzt mit deinem Lebenslauf."),
}
_BENEFITS_REMOTE = tuple(_demo._BENEFITS_FT)
_BENEFITS_OFFICE = tuple(b for b in _demo._BENEFITS_FT if "remote" not in b.lower())
_TEAMS = ("Payments", "Growth", "Platform", "Core", "Billing", "Onboarding", "Integrations", "Search", "Checkout",
          "Reporting", "Partnerships", "Enterprise", "Marketplace", "Identity", "Notifications")

# Phrase templates by the kind of skill. "{s}" is the surface; a template whose "{s}" is not at
# its start keeps an ambiguous surface capitalised and after a cue, as its evidence rule needs.
_REQ_TEMPLATES = {
    "lang": ("{n}+ years of professional experience with {s}", "Strong, production experience with {s}",
             "Hands-on experience building services with {s}", "You have shipped production code in {s}",
             "Solid knowledge of {s}"),
    "framework": ("Hands-on experience building and maintaining apps with {s}", "You have shipped features using {s}",
                  "Deep familiarity with {s}", "Production experience with {s}"),
    "db": ("Experience designing schemas and tuning queries in {s}", "Good working knowledge of {s}",
           "You have run {s} in production"),
    "cloud": ("Experience running production workloads on {s}", "Hands-on experience with {s}",
              "Practical experience with {s}"),
    "data": ("Hands-on experience with {s}", "You've used {s} on real projects, not just tutorials",
             "Working knowledge of {s}"),
    "design": ("Fluent in {s}", "Strong skills in {s}", "A portfolio that shows your work in {s}"),
    "tool": ("Day-to-day experience with {s}", "Familiarity with {s}", "You know your way around {s}",
             "Comfortable working in {s}"),
    "practice": ("Proven experience with {s}", "Hands-on experience with {s}", "Solid working knowledge of {s}",
                 "A track record in {s}"),
    "soft": ("Strong {s}", "Excellent {s}", "Good {s}, especially in a remote team", "You bring {s} to everything you do"),
    "cert": ("{s} (or working towards it)", "Holding {s} is a plus", "{s} certification or equivalent experience"),
}
_CUSTOM_REQ = {  # replacing demo_corpus phrases that name a second skill around the first
    "Communication": ("Clear, proactive {s}: we work async across time zones", "Excellent {s} in English",
                      "Strong {s}, especially in writing"),
    "Microsoft Excel": ("Advanced {s} skills (lookups, charts, basic macros)", "Strong {s} skills",
                        "Very comfortable in {s}"),
}
_BRANDS = frozenset("Google Meta LinkedIn Amazon Salesforce Oracle Sage Microsoft Workday Gusto TikTok Pinterest YouTube "
                    "Apple Adobe HubSpot Zoho Looker Shopify SAP AWS Azure Instagram Facebook X Jira Xero QuickBooks "
                    "English Gong Apollo".split())
_LOWER_ENDINGS = ("ing", "ment", "tion", "ance", "ence", "ics", "ship", "ity", "ness", "ism", "sis")


def _natural(form: str, info, bare: bool) -> str:
    """How a sentence writes a skill: practices in lower case ("accounts payable"), names as they are."""
    if bare or info.category not in ("soft_skills", "writing_content", "product_project", "marketing_sales",
                                     "business_finance"):
        return form
    words = form.split()
    if words[0] in _BRANDS:
        return form
    for w in words:
        if not w.isalpha() or w.isupper() or any(c.isupper() for c in w[1:]):
            return form  # acronyms, CamelCase, digits: SEO, SaaS Sales, B2B
    if len(words) == 1 and not form.lower().endswith(_LOWER_ENDINGS):
        return form
    return form.lower()


_CUE_BEFORE = re.compile(r"\b(?:with|in|using)\s$")
_NICE_TEMPLATES = ("Experience with {s}", "Exposure to {s}", "Familiarity with {s}", "Any experience with {s}")
_GROUPABLE = frozenset(("db", "cloud", "data", "tool"))
_STACKABLE = frozenset(("lang", "framework", "db", "cloud", "data"))
_GROUP_TEMPLATES = ("Experience with {x}", "Familiarity with {x}", "Hands-on experience with {x}")
_KIND_BY_CATEGORY = {"programming_languages": "lang", "frameworks_libraries": "framework", "databases": "db",
                     "cloud_devops": "cloud", "data_ml": "data", "design": "design", "tools_platforms": "tool",
                     "marketing_sales": "practice", "writing_content": "practice", "business_finance": "practice",
                     "product_project": "practice", "soft_skills": "soft", "certifications": "cert"}
# Spellings as postings write them (canonical, weight), beyond demo_corpus.SURFACE_FORMS.
_FORMS_EXTRA: dict[str, tuple[tuple[str, int], ...]] = {
    "Sketch": (("Sketch", 8), ("Sketch App", 1)), "Microsoft Excel": (("Excel", 7), ("Microsoft Excel", 3), ("MS Excel", 1)),
    "Google Sheets": (("Google Sheets", 1),), "Human Resources": (("HR", 4), ("Human Resources", 3), ("people operations", 2)),
    "Oracle NetSuite": (("NetSuite", 3), ("Oracle NetSuite", 1)), "Product Analytics": (("product analytics", 3), ("Amplitude", 1), ("Mixpanel", 1)),
    "Java": (("Java", 9), ("Java 17", 1)), "Apache Airflow": (("Airflow", 5), ("Apache Airflow", 5)),
    "Helm": (("Helm", 5), ("Helm charts", 5)), "CPA": (("CPA license", 2), ("Certified Public Accountant", 1)),
    "REST APIs": (("REST APIs", 6), ("RESTful APIs", 3), ("REST API", 1)), "iOS": (("iOS", 1),), "Android": (("Android", 1),),
    "Next.js": (("Next.js", 9), ("NextJS", 1)), "Large Language Models": (("LLMs", 5), ("large language models", 3), ("LLM", 2)),
    "Model Context Protocol": (("MCP", 5), ("Model Context Protocol", 4), ("MCP servers", 1)),
    "Selenium": (("Selenium", 8), ("Selenium WebDriver", 2)), "Playwright": (("Playwright", 1),),
    "Retrieval-Augmented Generation": (("RAG", 5), ("retrieval-augmented generation", 2)),
}
# Requirement phrases of the planted skills (demo_corpus has the rest: _CUSTOM_REQ / _CUSTOM_NICE).
_PLANTED_REQ = {
    "Rust": ("{n}+ years of experience with {s}", "Production experience with {s}",
             "You have shipped services written in {s}", "Experience with {s} or a strong wish to grow into it"),
    "Playwright": ("Experience writing end-to-end tests with {s}", "Hands-on experience with {s}"),
    "Selenium": ("Experience maintaining test suites built with {s}", "Hands-on experience with {s}"),
    "Model Context Protocol": ("Experience building tools that models call over {s}",
                               "You've built or used {s} servers to connect models to real systems",
                               "Familiarity with {s} and how agents use tools"),
}


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

_MASK64 = (1 << 64) - 1


def _mix(x: int) -> int:
    """splitmix64 finaliser: a bijection on 64-bit integers (unique ids from unique counters)."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


def _cum(weights) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += float(w)
        out.append(total)
    return out


def _pick(rng: random.Random, items: Sequence, cum: Sequence[float]):
    return items[bisect.bisect_right(cum, rng.random() * cum[-1])]


_ARRANGEMENT_CUM = {k: ([a for a, _ in v], _cum(w for _, w in v)) for k, v in _ARRANGEMENT.items()}


def _sample(rng: random.Random, pool: Sequence[str], k: int) -> list[str]:
    """``k`` distinct items of ``pool`` in random order (a partial shuffle; cheaper than random.sample)."""
    items = list(pool)
    n = len(items)
    k = min(k, n)
    for i in range(k):
        j = i + int(rng.random() * (n - i))
        items[i], items[j] = items[j], items[i]
    return items[:k]


def _logistic(t: float, start: float, end: float, mid: float, width: float) -> float:
    return start + (end - start) / (1.0 + math.exp(-(t - mid) / width))


@lru_cache(maxsize=4096)
def _slug(text: str) -> str:
    return _demo._slug(text)


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _norm_key(text: str) -> str:
    """Letters and digits only, lower-case: how a warehouse would compare company names and titles."""
    return _NON_ALNUM.sub("", text.lower())


def _variants(items) -> list[tuple[str, ...]]:
    """Every way to resolve a bundle whose tuple elements mean "one of these" (distinct skills, in order)."""
    out: list[tuple[str, ...]] = [()]
    for e in items:
        options = e if isinstance(e, tuple) else (e,)
        out = [v + (o,) for v in out for o in options]
    return [tuple(dict.fromkeys(v)) for v in out] or [()]


def _join(items: Sequence[str], conj: str = "and") -> str:
    return _demo._join(list(items), conj)


def _round_to(x: float, step: int) -> int:
    return _demo._round_to(x, step)


@lru_cache(maxsize=4096)
def _location(text: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    countries, regions = parse_location(text)
    return tuple(countries), tuple(regions)


@lru_cache(maxsize=4096)
def _seniority(title: str) -> str:
    return _title_seniority(title)


@lru_cache(maxsize=4096)
def _fallback_remote(location: str | None, title: str) -> str:
    return remote_flag(location, title)


@lru_cache(maxsize=4096)
def _gh_workplace(texts: tuple[str, ...]) -> str:
    return _greenhouse_parser.workplace(list(texts))


@lru_cache(maxsize=256)
def _etype(value: str | None) -> str:
    return _employment_type(value)


# --------------------------------------------------------------------------------------------
# Tables built once from the taxonomy
# --------------------------------------------------------------------------------------------


@dataclass
class _SkillInfo:
    name: str
    kind: str
    category: str
    forms: tuple[str, ...]
    cum: list[float]
    bare: frozenset[str]  # forms that are an ambiguous rule's bare word: only right after a cue word
    plain: tuple[str, ...] = ()  # the other forms

    def __post_init__(self) -> None:
        self.plain = tuple(f for f in self.forms if f not in self.bare)


@dataclass
class _FamilyTable:
    key: str
    spec: dict[str, Any]
    titles: list[tuple[str, tuple[str, ...], tuple[str, ...], bool]]  # template, forced, extra, prefix?
    title_cum: list[float]
    stacks: list[tuple[str, tuple]]
    stack_cum: list[float]
    bundles: list[tuple]
    bundle_cum: list[float]
    ranked: list[str]
    ranked_cum: list[float]
    sen: tuple[str, ...]
    sen_cum: list[float]
    type_cum: list[float]
    trend_factor: dict[str, float]
    stack_variants: list[list[tuple[str, ...]]] = field(default_factory=list)
    bundle_variants: list[list[tuple[str, ...]]] = field(default_factory=list)
    title_extra: list[list[tuple[str, ...]]] = field(default_factory=list)
    stack_of_title: dict[str, list[int]] = field(default_factory=dict)

    duty_perms: list[tuple[str, ...]] = field(default_factory=list)

    def __post_init__(self) -> None:
        shuffler = random.Random(len(self.key))  # fixed: the seed picks among them
        duties = list(self.spec["duties"])
        for _ in range(48):
            shuffler.shuffle(duties)
            self.duty_perms.append(tuple(duties))
        self.stack_variants = [_variants(b) for _label, b in self.stacks]
        self.bundle_variants = [_variants(b) for b in self.bundles]
        self.title_extra = [_variants(extra) for _t, _f, extra, _p in self.titles]


class _Matcher:
    """Which taxonomy skills a fixed text fragment names: a greedy longest match of the taxonomy's
    unambiguous surfaces over lower-cased words (what the real extractor finds in such plain text).
    Used on the generator's own fragments, so the truth counts every skill a posting's text names."""

    _WORD = re.compile(r"[a-z0-9]+")
    _PHRASE = re.compile(r"[,;()!?]|\.(?:\s|$)")

    def __init__(self, taxonomy, ambiguity) -> None:
        index: dict[tuple[str, ...], set[str]] = {}
        stop = taxonomy.stop_surfaces
        for skill in taxonomy.skills:
            rule = ambiguity.rules.get(skill.name)
            for surface in skill.surfaces:
                low = surface.lower()
                if low in stop or (rule is not None and low in rule.forms) or "+" in low or "#" in low \
                        or low.startswith("."):
                    continue  # ambiguous words need evidence; "Data+", "C#", ".NET" do not survive as words
                words = tuple(self._WORD.findall(low))
                if not words or (len(words) == 1 and len(words[0]) < 2):
                    continue
                index.setdefault(words, set()).add(skill.name)
        self.index = {k: next(iter(v)) for k, v in index.items() if len(v) == 1}
        self.longest = max((len(k) for k in self.index), default=1)
        # an ambiguous word capitalised inside a title, before another word ("HR Coordinator")
        self.title_words = {f: rule.skill for rule in ambiguity.rules.values() for f in rule.case_forms}

    def _greedy(self, words: list[str], found: list[str], covered: set[int] | None = None) -> None:
        i, n, index = 0, len(words), self.index
        while i < n:
            for k in range(min(self.longest, n - i), 0, -1):
                name = index.get(tuple(words[i:i + k]))
                if name is not None:
                    if name not in found:
                        found.append(name)
                    if covered is not None and k > 1:
                        covered.update(range(i, i + k))
                    i += k
                    break
            else:
                i += 1

    @lru_cache(maxsize=4096)
    def in_title(self, title: str) -> tuple[str, ...]:
        """Ambiguous words a title names capitalised, before another word ("HR Coordinator"), and not
        as part of a longer skill ("React Native Developer")."""
        words = title.replace("(", " ").replace(")", " ").replace(",", " ").split()
        covered: set[int] = set()
        self._greedy([w.lower() for w in words], [], covered)
        return tuple(self.title_words[w] for i, w in enumerate(words[:-1])
                     if w in self.title_words and i not in covered)

    @lru_cache(maxsize=8192)
    def __call__(self, text: str) -> tuple[str, ...]:
        found: list[str] = []
        for phrase in self._PHRASE.split(text.lower()):  # no skill spans a comma, colon or sentence end
            self._greedy(self._WORD.findall(phrase), found)
        return tuple(found)


@dataclass
class _Tables:
    skills: dict[str, _SkillInfo]
    families: dict[str, _FamilyTable]
    family_keys: list[str]
    industry_cum: list[list[float]]  # per industry: cumulative family weights over family_keys
    soft: list[str]
    soft_cum: list[float]
    trends: dict[str, dict[str, Any]]
    hn_titles: frozenset[str]  # templates (with stack filled) HN's header parser reads back as the title
    taxonomy_version: str
    matcher: _Matcher
    by_name: dict[str, Any]
    kind: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.kind = {name: info.kind for name, info in self.skills.items()}


_CANDIDATE_KIND_FALLBACK = "tool"


def _skill_forms(skill, rule, demo_forms) -> tuple[tuple[str, ...], list[float], frozenset[str]]:
    surfaces = {s.lower(): s for s in skill.surfaces}
    chosen: list[tuple[str, int]] = []
    spec = _FORMS_EXTRA.get(skill.name) or demo_forms.get(skill.name)
    if spec:
        chosen = [(f, w) for f, w in spec if f.lower() in surfaces]
    if not chosen:
        chosen = [(skill.name, 1)]
    bare = frozenset(f for f, _ in chosen if rule is not None and f.lower() in rule.forms)
    return tuple(f for f, _ in chosen), _cum(w for _, w in chosen), bare


@lru_cache(maxsize=2)
def _tables_for(_version: str) -> _Tables:
    taxonomy = load_taxonomy()
    ambiguity = load_ambiguity(taxonomy=taxonomy)
    by_name = taxonomy.by_name
    demo_forms = {k: v for k, v in _demo._FORMS.items()}
    stop = taxonomy.stop_surfaces

    def ok(name: str) -> bool:
        skill = by_name.get(name)
        return skill is not None and name.lower() not in stop

    skills: dict[str, _SkillInfo] = {}

    def info(name: str) -> _SkillInfo:
        if name not in skills:
            skill = by_name[name]
            forms, cum, bare = _skill_forms(skill, ambiguity.rules.get(name), demo_forms)
            kind = _KIND_BY_CATEGORY.get(skill.category, _CANDIDATE_KIND_FALLBACK)
            skills[name] = _SkillInfo(name, kind, skill.category, forms, cum, bare)
        return skills[name]

    planted = set(TRENDS)
    # tail candidates by category: unambiguous skills, in a fixed hash order (not the file's)
    by_category: dict[str, list[str]] = {}
    for skill in taxonomy.skills:
        if skill.ambiguous or skill.name in planted or skill.name.lower() in stop:
            continue
        by_category.setdefault(skill.category, []).append(skill.name)
    for names in by_category.values():
        names.sort(key=lambda n: _mix(int.from_bytes(n.encode()[:8].ljust(8, b"\0"), "little") ^ len(n)))

    families: dict[str, _FamilyTable] = {}
    for key, spec in FAMILIES.items():
        def alive(entry):
            if isinstance(entry, tuple):
                alts = tuple(a for a in entry if ok(a) and a not in planted)
                return alts or None
            return entry if ok(entry) and entry not in planted else None

        def bundle(items):
            kept = tuple(x for x in (alive(e) for e in items) if x is not None)
            return kept

        titles = []
        for entry in spec["titles"]:
            template, weight = entry[0], entry[1]
            forced = tuple(s for s in (entry[2] if len(entry) > 2 else ()) if ok(s))
            extra = bundle(entry[3]) if len(entry) > 3 else ()
            prefix = not template.startswith("!")
            titles.append((template.lstrip("!"), forced, extra, prefix, weight))
        stacks = [(label, bundle(items)) for label, _w, items in spec["stacks"]]
        stack_w = [w for _l, w, _i in spec["stacks"]]
        stacks_kept = [(s, w) for s, w in zip(stacks, stack_w) if s[1]]
        if not stacks_kept:  # no stack survives: titles naming a stack are dropped
            titles = [t for t in titles if "{stack}" not in t[0]]
        bundles = [(bundle(items), w) for items, w in spec["bundles"]]
        bundles = [(b, w) for b, w in bundles if b]
        head = [s for s in spec["head"] if ok(s) and s not in planted]
        ranked = list(dict.fromkeys(head))
        for category in spec["tail"]:
            for name in by_category.get(category, ()):
                if name not in ranked:
                    ranked.append(name)
        # Zipf over the ranked list: rank r has weight 1 / (r + 2) ** 1.1, the tail cut at 400
        ranked = ranked[:400]
        for name in ranked:
            info(name)
        for b, _w in bundles:
            for e in b:
                for n in (e if isinstance(e, tuple) else (e,)):
                    info(n)
        for (_label, b) in stacks:
            for e in b:
                for n in (e if isinstance(e, tuple) else (e,)):
                    info(n)
        for t in titles:
            for n in t[1]:
                info(n)
            for e in t[2]:
                for n in (e if isinstance(e, tuple) else (e,)):
                    info(n)
        trend_factor = {s: tr["families"].get(key, 0.0) for s, tr in TRENDS.items() if ok(s)}
        families[key] = _FamilyTable(
            key=key, spec=spec,
            titles=[(t, f, e, p) for t, f, e, p, _w in titles], title_cum=_cum(t[4] for t in titles),
            stacks=[s for s, _w in stacks_kept], stack_cum=_cum(w for _s, w in stacks_kept),
            bundles=[b for b, _w in bundles], bundle_cum=_cum(w for _b, w in bundles),
            ranked=ranked, ranked_cum=_cum(1.0 / (r + 2) ** 1.1 for r in range(len(ranked))),
            sen=tuple(s for s, _ in spec["sen"]), sen_cum=_cum(w for _, w in spec["sen"]),
            type_cum=_cum(spec["types"]), trend_factor=trend_factor,
        )
    for name in TRENDS:
        if ok(name):
            info(name)
    soft = [s for s in _SOFT if ok(s)]
    for s in soft:
        info(s)
    family_keys = list(FAMILIES)
    industry_cum = [_cum(FAMILIES[k]["weight"] * mult.get(k, 1.0) for k in family_keys)
                    for _name, _k, mult, _b, _d in _INDUSTRIES]
    trends = {s: t for s, t in TRENDS.items() if ok(s)}

    # Titles HN's header parser reads back unchanged (the others are never posted on HN).
    hn_titles = set()
    for key, fam in families.items():
        if not fam.spec["hn"]:
            continue
        for template, _f, _e, _p in fam.titles:
            labels = [label for label, _b in fam.stacks] if "{stack}" in template else [""]
            for label in labels:
                title = template.replace("{stack}", label)
                parsed = _hn.parse_first_line(f"Northfield Labs | Senior {title} | Berlin, Germany | REMOTE | Full-time")
                if parsed["role"] == f"Senior {title}" and parsed["company"] == "Northfield Labs":
                    hn_titles.add(title)
    return _Tables(skills=skills, families=families, family_keys=family_keys, industry_cum=industry_cum,
                   soft=soft, soft_cum=_cum(1.0 / (r + 1) for r in range(len(soft))), trends=trends,
                   hn_titles=frozenset(hn_titles), taxonomy_version=taxonomy.version,
                   matcher=_Matcher(taxonomy, ambiguity), by_name=by_name)


def _tables() -> _Tables:
    return _tables_for(load_taxonomy().version)


# --------------------------------------------------------------------------------------------
# Companies
# --------------------------------------------------------------------------------------------

_NAME_COMPOUNDS = tuple(a + b for a in _NAME_A for b in _NAME_B if a.lower() != b and (a + b).lower() not in _NAME_BAD)
_HQ_CUM = _cum(w for _c, w in _HQ)
_MAX_COMPANIES = len(_NAME_COMPOUNDS) * len(_NAME_KIND)


@dataclass(slots=True)
class _Company:
    index: int
    name: str
    slug: str
    domain: str
    industry: int
    blurb: str
    blurb_de: str
    ats: str | None  # greenhouse / lever / None
    hq: str  # ISO country code
    size: int


def _ats_of(i: int) -> str | None:
    """30% of companies hire through Greenhouse, 15% through Lever (by index, so sampling is O(1))."""
    r = i % 20
    return "greenhouse" if r < 6 else "lever" if r < 9 else None


class _Companies:
    """Company ``i`` of ``n``, derived from ``i`` and the seed alone (no table of companies is kept)."""

    def __init__(self, n: int, seed: int, shard: int = 0) -> None:
        self.n = max(_SHARDS, min(n, _MAX_COMPANIES))
        self.shard = shard
        self.salt = _mix(seed & _MASK64)
        # a multiplier coprime with the name space spreads popular companies over all names
        space = _MAX_COMPANIES
        step = 1_000_003
        while math.gcd(step, space) != 1:
            step += 2
        self.step, self.offset, self.space = step, self.salt % space, space
        self._cache: dict[int, _Company] = {}

    def __call__(self, i: int) -> _Company:
        company = self._cache.get(i)
        if company is None:
            company = self._make(i)
            if len(self._cache) > 4_000:
                self._cache.clear()
            self._cache[i] = company
        return company

    def _make(self, i: int) -> _Company:
        code = (i * self.step + self.offset) % self.space
        compound = _NAME_COMPOUNDS[code // len(_NAME_KIND)]
        kind = _NAME_KIND[code % len(_NAME_KIND)]
        name = f"{compound} {kind}"
        h = _mix(self.salt ^ (i * 0x9E3779B1))
        industry = _KIND_INDUSTRY[code % len(_NAME_KIND)]
        _iname, _kinds, _mult, blurbs, blurbs_de = _INDUSTRIES[industry]
        ats = _ats_of(i)
        hq = _HQ[bisect.bisect_right(_HQ_CUM, ((h >> 24) % 10_000) / 10_000 * _HQ_CUM[-1])][0]
        size = (8, 12, 18, 25, 35, 50, 80, 120, 200, 400, 900)[(h >> 40) % 11]
        slug = _slug(name)
        return _Company(i, name, slug, f"{compound.lower()}{kind.lower()}.example", industry,
                        blurbs[(h >> 32) % len(blurbs)], blurbs_de[(h >> 36) % len(blurbs_de)], ats, hq, size)

    def sample(self, rng: random.Random, ats: str | None = None) -> _Company:
        """A company by popularity (a power law: a few post a lot, most post a little)."""
        i = int(self.n * rng.random() ** 2.2)
        i = i - i % _SHARDS + self.shard  # each shard has its own companies (never the same title twice)
        if ats is not None and _ats_of(i) != ats:  # the nearest company on that ATS (same parity)
            r = i % 20
            i = i - r + (r % 6 if ats == "greenhouse" else 6 + r % 2)
        while i >= self.n:
            i -= 20 if i >= 20 else _SHARDS
        return self(max(i, self.shard))


# --------------------------------------------------------------------------------------------
# Time: the window, the volume curve, timestamps
# --------------------------------------------------------------------------------------------

_WEEKDAY = (1.0, 1.08, 1.04, 0.98, 0.82, 0.22, 0.18)
_HOUR_CUM = _cum(0.25 if h < 5 else 0.6 if h < 8 else 1.3 if 13 <= h <= 17 else 1.0 if h < 20 else 0.5
                 for h in range(24))
_HN_SHARE = 0.04


def _thanksgiving(year: int) -> _dt.date:
    first = _dt.date(year, 11, 1)
    return first + _dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def _holiday(day: _dt.date) -> float:
    md = (day.month, day.day)
    if md >= (12, 24) or md <= (1, 1):
        return 0.35
    if md >= (12, 18) or md <= (1, 6):
        return 0.7
    if day.month == 11 and day in (_thanksgiving(day.year), _thanksgiving(day.year) + _dt.timedelta(days=1)):
        return 0.6
    if md in ((7, 4), (5, 1)):
        return 0.8
    if day.month == 8:
        return 0.9
    return 1.0


def _thread_day(year: int, month: int) -> _dt.date:
    """The first weekday of the month: when "Ask HN: Who is hiring?" goes up."""
    day = _dt.date(year, month, 1)
    while day.weekday() >= 5:
        day += _dt.timedelta(days=1)
    return day


def _hn_intensity(day: _dt.date) -> float:
    thread = _thread_day(day.year, day.month)
    if day < thread:  # still the previous month's thread
        return 0.05
    k = (day - thread).days
    return (10.0, 5.0, 1.6, 0.9)[k] if k < 4 else 0.5 if k < 10 else 0.15 if k < 21 else 0.05


def _apportion(weights: Sequence[float], total: int) -> list[int]:
    """Integers proportional to ``weights`` summing exactly to ``total`` (largest remainder)."""
    s = sum(weights)
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    raw = [w * total / s for w in weights]
    out = [int(x) for x in raw]
    rest = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: (out[i] - raw[i], i))
    for i in order[:rest]:
        out[i] += 1
    return out


@dataclass
class _Window:
    start: _dt.date
    end: _dt.date
    days: int
    weeks: int
    dates: list[_dt.date]
    week_of: list[int]  # day index -> week index (Monday-based)
    month_keys: list[str]  # month index -> "YYYY-MM"
    month_of: list[int]  # day index -> month index
    week_end: list[int]  # day index -> last day index of its week (within the window)


def _window(end: _dt.date, weeks: int) -> _Window:
    monday = end - _dt.timedelta(days=end.weekday())
    start = monday - _dt.timedelta(days=7 * (weeks - 1))
    days = (end - start).days + 1
    dates = [start + _dt.timedelta(days=i) for i in range(days)]
    week_of = [i // 7 for i in range(days)]
    months: list[str] = []
    month_of = []
    for d in dates:
        key = f"{d.year:04d}-{d.month:02d}"
        if not months or months[-1] != key:
            months.append(key)
        month_of.append(len(months) - 1)
    week_end = [min(days - 1, (i // 7) * 7 + 6) for i in range(days)]
    return _Window(start, end, days, weeks, dates, week_of, months, month_of, week_end)


def _day_budgets(win: _Window, postings: int, hn_share: float, seed: int) -> tuple[list[int], list[int]]:
    rng = random.Random(_mix(seed ^ 0x5EED))
    week_noise = [rng.uniform(0.93, 1.07) for _ in range(win.weeks)]
    growth = [1.0 + 0.25 * (i / max(1, win.days - 1)) for i in range(win.days)]
    other_w = [_WEEKDAY[d.weekday()] * _holiday(d) * growth[i] * week_noise[win.week_of[i]]
               for i, d in enumerate(win.dates)]
    hn_w = [_hn_intensity(d) * growth[i] for i, d in enumerate(win.dates)]
    hn_total = round(postings * hn_share) if hn_share > 0 else 0
    return _apportion(other_w, postings - hn_total), _apportion(hn_w, hn_total)


@lru_cache(maxsize=8192)
def _day_iso(day: _dt.date) -> str:
    return day.isoformat()


def _iso(day: _dt.date, seconds: int) -> str:
    return f"{_day_iso(day)}T{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


@lru_cache(maxsize=2048)
def _crawled_at(day: _dt.date, source: str) -> str:
    """The nightly crawl after the posting day: one crawl a night per source (the pipeline stamps a
    crawl's items with one time), at the source's minute."""
    return f"{(day + _dt.timedelta(days=1)).isoformat()}T02:{_CRAWL_MINUTE[source]:02d}:{_CRAWL_MINUTE[source] * 7 % 60:02d}Z"


_EPOCH = _dt.date(1970, 1, 1)


def _epoch(day: _dt.date, seconds: int) -> int:
    return (day - _EPOCH).days * 86400 + seconds


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _rfc822(day: _dt.date, seconds: int) -> str:
    return (f"{_WEEKDAYS[day.weekday()]}, {day.day:02d} {_MONTHS[day.month - 1]} {day.year} "
            f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d} +0000")


# --------------------------------------------------------------------------------------------
# One job (what every copy of it shares)
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Job:
    jid: int
    day: int
    source: str
    family: _FamilyTable
    company: _Company
    arrangement: str  # remote / hybrid / onsite / unstated
    geo: str | None  # remote eligibility key
    city: tuple | None  # office (name, text, country, level, currency, weight)
    etype: str
    sen: str
    template: str
    stack: str | None
    title: str
    skills: list[str]
    pay: tuple[float, float, str, str] | None  # low, high, currency, period (as the employer states it)
    pay_seed: int
    body: dict[str, Any]
    german: bool
    hn_thread: str  # hiring / freelancer
    key: tuple[int, str] = (0, "")


class _Generator:
    def __init__(self, *, postings: int, seed: int, win: _Window, sources: tuple[str, ...], shard: int = 0) -> None:
        self.t = _tables()
        self.shard = shard
        self.rng = random.Random(seed * _SHARDS + shard)
        self.seed = seed
        self.win = win
        self.sources = sources
        n_companies = max(300, min(150_000, postings // 9))
        self.companies = _Companies(n_companies, seed, shard)
        other = [s for s in sources if s != "hackernews"]
        self.other_sources = other
        self.other_cum = _cum(_SOURCE_SHARE[s] for s in other)
        self.remote_keys = list(_REMOTE_GEOS)
        self.remote_cum = _cum(v[0] for v in _REMOTE_GEOS.values())
        self.city_cum = _cum(c[5] for c in _CITIES)
        self.cities_by_country: dict[str, list[tuple]] = {}
        for c in _CITIES:
            self.cities_by_country.setdefault(c[2], []).append(c)
        self.de_cum = _cum(w for _c, _t, w in _DE_CITIES)
        self.recent: dict[tuple[int, str], int] = {}  # (company, title key) -> reserved until day
        self._bullet_cache: dict[tuple, tuple[list, list, list, list]] = {}
        self._boilerplate: dict[tuple, tuple] = {}
        self._implied_cache: dict[str, tuple[str, ...]] = {}
        self._bullet_implied: dict[str, tuple[str, ...]] = {}
        self._trend_cache: dict[tuple[str, int], list[tuple[str, float]]] = {}
        self._rise_cache: dict[int, dict[str, float]] = {}
        self.tech = True
        self.next_jid = 0
        self.title_collisions = 0

    # -- small picks ---------------------------------------------------------------------------

    def _remote_geo(self, source: str) -> str:
        rng = self.rng
        if source == "arbeitnow":
            r = rng.random()
            return "DE" if r < 0.6 else "EU" if r < 0.9 else "WW"
        return _pick(rng, self.remote_keys, self.remote_cum)

    def _city(self, company: _Company, source: str) -> tuple:
        rng = self.rng
        if source == "arbeitnow":
            name, text, _w = _pick(rng, _DE_CITIES, self.de_cum)
            country = "AT" if "Austria" in text else "CH" if "Switzerland" in text else "DE"
            level = 0.72 if country != "CH" else 1.0
            if rng.random() < 0.35:  # Arbeitnow often names the city alone
                text = name
            return (name, text, country, level, "EUR", 1.0)
        if rng.random() < 0.7 and company.hq in self.cities_by_country:
            options = self.cities_by_country[company.hq]
            return options[int(rng.random() * len(options))]
        return _pick(rng, _CITIES, self.city_cum)

    def _family(self, company: _Company, source: str) -> _FamilyTable:
        t, rng = self.t, self.rng
        cum = t.industry_cum[company.industry]
        for _ in range(6):
            key = _pick(rng, t.family_keys, cum)
            fam = t.families[key]
            if source != "hackernews" or fam.spec["hn"]:
                return fam
        return t.families["software_engineering"]

    # -- skills and text -----------------------------------------------------------------------

    def _surface(self, skill: str) -> str:
        info = self.t.skills[skill]
        if len(info.forms) == 1:
            return info.forms[0]
        return info.forms[bisect.bisect_right(info.cum, self.rng.random() * info.cum[-1])]

    def make(self, day: int, source: str, *, like: _Job | None = None) -> _Job:
        """A new distinct job first posted on ``day`` at ``source`` (``like``: a look-alike sibling)."""
        t, rng = self.t, self.rng
        rand = rng.random
        if like is None:
            if source in _REMOTE_BOARDS:
                arrangement = "remote"
            else:
                names, cum = _ARRANGEMENT_CUM[source]
                arrangement = _pick(rng, names, cum)
            company = self.companies.sample(rng, source if source in _ATS else None)
            fam = self._family(company, source)
            etype = _pick(rng, _TYPES, fam.type_cum)
            if arrangement == "remote":
                geo, city = self._remote_geo(source), None
            else:
                geo, city = None, self._city(company, source)
            sen = "" if etype == "internship" else _pick(rng, fam.sen, fam.sen_cum)
        else:
            arrangement, company, fam, etype = like.arrangement, like.company, like.family, like.etype
            geo, city, sen = like.geo, like.city, like.sen
        recent = self.recent

        # title, stack and the duplicate guard -------------------------------------------------
        if like is not None:
            ti = next(i for i, x in enumerate(fam.titles) if x[0] == like.template)
            template, forced, _extra, prefix = fam.titles[ti]
            others = [i for i, st in enumerate(fam.stacks) if st[0] != like.stack]
            si = others[int(rand() * len(others))]
            stack = fam.stacks[si]
            title = like.title.replace(like.stack, stack[0], 1)
            key = (company.index, _norm_key(title))
            if recent.get(key, -1) >= day:
                self.title_collisions += 1
        else:
            title = key = None
            pref = _mix(company.index * 131 + len(fam.key)) % len(fam.stacks) if fam.stacks else 0
            for attempt in range(10):
                ti = bisect.bisect_right(fam.title_cum, rand() * fam.title_cum[-1])
                template, forced, _extra, prefix = fam.titles[ti]
                needs_stack = "{stack}" in template
                si = -1
                if fam.stacks and (needs_stack or rand() < 0.85):
                    si = pref if rand() < 0.55 else bisect.bisect_right(fam.stack_cum, rand() * fam.stack_cum[-1])
                elif needs_stack:
                    continue
                stack = fam.stacks[si] if si >= 0 else None
                if source == "hackernews" and template.replace("{stack}", stack[0] if stack else "") not in t.hn_titles:
                    continue
                if attempt >= 4 and etype != "internship":
                    sen = _pick(rng, fam.sen, fam.sen_cum)
                title = self._title(template, stack, sen if prefix else "", etype)
                if attempt >= 7:
                    title = f"{title}, {_TEAMS[int(rand() * len(_TEAMS))]}"
                key = (company.index, _norm_key(title))
                if recent.get(key, -1) < day:
                    break
            else:
                self.title_collisions += 1
            if title is None:  # no template of the family fits (cannot happen for the shipped families)
                raise RuntimeError(f"no title for family {fam.key} on {source}")
        recent[key] = day + _DUP_WINDOW_DAYS

        # skills -------------------------------------------------------------------------------
        required: list[str] = []
        nice: list[str] = []
        if si >= 0:
            variants = fam.stack_variants[si]
            required.extend(variants[int(rand() * len(variants))])
        for x in forced:
            if x not in required:
                required.append(x)
        skills = list(required)
        variants = fam.title_extra[ti]
        for x in variants[int(rand() * len(variants))]:
            if x not in skills:
                skills.append(x)
                (required if rand() < 0.6 else nice).append(x)
        r = rand()
        n_bundles = 1 if r < 0.62 else 2 if r < 0.83 else 0
        if si < 0 and n_bundles == 0:
            n_bundles = 1
        if fam.bundles:
            bcum = fam.bundle_cum
            for b in range(n_bundles):
                variants = fam.bundle_variants[bisect.bisect_right(bcum, rand() * bcum[-1])]
                for x in variants[int(rand() * len(variants))]:
                    if x not in skills and rand() < 0.9:
                        skills.append(x)
                        (required if b == 0 or rand() < 0.4 else nice).append(x)
        r = rand()
        n_tail = 1 if r < 0.2 else 2 if r < 0.5 else 3 if r < 0.75 else 4 if r < 0.9 else 5
        ranked, rcum = fam.ranked, fam.ranked_cum
        total = rcum[-1]
        for _ in range(n_tail):
            x = ranked[bisect.bisect_right(rcum, rand() * total)]
            if x not in skills:
                skills.append(x)
                (nice if rand() < 0.55 else required).append(x)
        if rand() < 0.45 and t.soft:
            x = _pick(rng, t.soft, t.soft_cum)
            if x not in skills:
                skills.append(x)
                required.append(x)
        for x, p in self._trend_probs(fam, day):
            if rand() < p and x not in skills:
                skills.append(x)
                (nice if rand() < 0.3 else required).append(x)
        if etype != "internship":
            for x in _CONTRACT_RISE_NAMES:
                if x in skills:
                    if rand() < self._rise_probs(day)[x]:
                        new_type = "contract" if rand() < 0.5 else "freelance"
                    else:
                        new_type = "full_time" if rand() < 0.88 else "part_time"
                    if new_type != etype:
                        new_title = self._retitle(title, new_type)
                        new_key = (company.index, _norm_key(new_title))
                        if new_key == key or recent.get(new_key, -1) < day:
                            del recent[key]
                            etype, title, key = new_type, new_title, new_key
                            recent[key] = day + _DUP_WINDOW_DAYS
                    break
        german = source == "arbeitnow" and like is None and rand() < 0.45
        if german:  # German text: only spellings the extractor finds without English cues, no soft skills
            sk = t.skills
            keep = [x for x in skills if sk[x].kind != "soft" and sk[x].plain]
            skills = keep
            required = [x for x in required if x in keep]
            nice = [x for x in nice if x in keep]

        # pay --------------------------------------------------------------------------------
        pay = self._pay(fam, sen, etype, geo, city, skills)
        thread = "freelancer" if etype == "freelance" and rand() < 0.7 else "hiring"
        self.next_jid += 1
        job = _Job(self.next_jid * _SHARDS + self.shard, day, source, fam, company, arrangement, geo, city, etype, sen, template,
                   stack[0] if si >= 0 else None, title, skills, pay, int(rand() * 1_000_000), {}, german, thread, key)
        job.body = body = self._body(job, required, nice, like)
        for x in body["implied"]:
            if x not in skills:
                skills.append(x)
        for x in t.matcher.in_title(title):
            if x not in skills:
                skills.append(x)
        return job

    def _rise_probs(self, day: int) -> dict[str, float]:
        probs = self._rise_cache.get(day)
        if probs is None:
            if len(self._rise_cache) > 64:
                self._rise_cache.clear()
            tpos = day / max(1, self.win.days - 1)
            probs = self._rise_cache[day] = {
                x: _logistic(tpos, spec["start"], spec["end"], spec["mid"], spec["width"])
                for x, spec in CONTRACT_RISE.items()}
        return probs

    def _trend_probs(self, fam: _FamilyTable, day: int) -> list[tuple[str, float]]:
        """The planted trends' probabilities for a posting of the family on the day."""
        key = (fam.key, day)
        probs = self._trend_cache.get(key)
        if probs is None:
            if len(self._trend_cache) > 512:  # days come in order: forget the past ones
                self._trend_cache.clear()
            tpos = day / max(1, self.win.days - 1)
            probs = []
            for s, spec in self.t.trends.items():
                factor = fam.trend_factor.get(s, 0.0)
                if factor <= 0.0:
                    continue
                if spec["shape"] == "emerging":
                    first = 1.0 - spec["emerging_weeks"] * 7 / max(1, self.win.days)
                    if tpos < first:
                        continue
                    p = spec["end"] * factor * min(1.0, (tpos - first) / max(1e-9, 1.0 - first) + 0.05)
                else:
                    p = factor * _logistic(tpos, spec["start"], spec["end"], spec["mid"], spec["width"])
                probs.append((s, p))
            self._trend_cache[key] = probs
        return probs

    def _title(self, template: str, stack, sen: str, etype: str) -> str:
        title = sen + template.replace("{stack}", stack[0] if stack else "")
        return self._retitle(title, etype)

    def _retitle(self, title: str, etype: str) -> str:
        rng = self.rng
        if etype == "full_time" and not title.endswith((")", "contract", "Intern")) and not title.startswith("Freelance"):
            return title
        base = title
        for tail in (" (Contract)", " (Part-time)", " (Internship)", " Intern", " - 6-month contract"):
            if base.endswith(tail):
                base = base[: -len(tail)]
        if base.startswith("Freelance "):
            base = base[len("Freelance "):]
        r = rng.random()
        if etype == "contract":
            return f"{base} (Contract)" if r < 0.3 else f"{base} - 6-month contract" if r < 0.38 else base
        if etype == "freelance":
            return f"Freelance {base}" if r < 0.3 and not base.startswith(("Senior", "Junior", "Lead", "Staff", "Sr.")) else base
        if etype == "part_time":
            return f"{base} (Part-time)" if r < 0.4 else base
        if etype == "internship":
            return f"{base} Intern" if r < 0.5 else f"{base} (Internship)"
        return base

    def _pay(self, fam, sen, etype, geo, city, skills) -> tuple[float, float, str, str] | None:
        rand = self.rng.random
        lo_k, hi_k = fam.spec["pay"]
        mult = 0.38 if etype == "internship" else _SEN_PAY.get(sen, 1.0)
        if geo is not None:
            _w, level, currencies = _REMOTE_GEOS[geo]
            cur = currencies[0][0] if len(currencies) == 1 or rand() < currencies[0][1] else currencies[1][0]
        else:
            level, cur = city[3], city[4]
        premium = 1.0
        for x in _PREMIUM_SKILLS.intersection(skills):
            premium *= PAY_PREMIUMS[x]
        premium = 1.35 if premium > 1.35 else 0.7 if premium < 0.7 else premium
        annual_lo = lo_k * 1000 * mult * level * premium * (0.9 + 0.2 * rand())
        annual_hi = annual_lo * (hi_k / lo_k) * (0.95 + 0.13 * rand())
        fx = _FX[cur]
        if etype in ("contract", "freelance", "part_time", "internship"):
            rate = 1.2 * fx / 2080 if etype in ("contract", "freelance") else fx / 2080
            lo, hi = annual_lo * rate, annual_hi * rate
            step = 1 if hi < 40 else 5
            lo, hi = max(step, round(lo / step) * step), max(step, round(hi / step) * step)
            if hi <= lo:
                hi = lo + step
            return float(lo), float(hi), cur, "hour"
        lo, hi = max(1000, round(annual_lo * fx / 1000) * 1000), max(1000, round(annual_hi * fx / 1000) * 1000)
        if hi <= lo:
            hi = lo + 5000
        return float(lo), float(hi), cur, "year"

    # -- description body -------------------------------------------------------------------

    def _bullets(self, skill: str, nice: bool) -> tuple[list, list, list, list]:
        """Every requirement line that can name the skill: (texts, cumulative weights) with and
        without an "N+ years" clause ("{n}" still in the text). Built once per (skill, nice, tech)."""
        key = (skill, nice, self.tech)
        cached = self._bullet_cache.get(key)
        if cached is not None:
            return cached
        info = self.t.skills[skill]
        if nice:
            base = _demo._CUSTOM_NICE.get(skill) or _NICE_TEMPLATES
        else:
            base = (_CUSTOM_REQ.get(skill) or _PLANTED_REQ.get(skill) or _demo._CUSTOM_REQ.get(skill)
                    or _REQ_TEMPLATES[info.kind])
        if skill == "Large Language Models" and not self.tech and not nice:
            base = tuple(_demo._LLM_BIZ)
        with_years: list[tuple[str, float]] = []
        without: list[tuple[str, float]] = []
        previous = 0.0
        for form, cum in zip(info.forms, info.cum):
            weight, previous = cum - previous, cum
            bare = form in info.bare
            # an ambiguous word stays capitalised and right after a cue word ("experience with Rust")
            templates = [x for x in base if not bare or _CUE_BEFORE.search(x.split("{s}", 1)[0])] or ["Experience with {s}"]
            natural = _natural(form, info, bare)
            ok = []
            for template in templates:
                text = template.replace("{s}", natural)
                text = text[:1].upper() + text[1:]
                # the line must name the skill itself, not a longer skill around it ("verbal communication")
                if bare or "{s}" not in template and skill == "Large Language Models" or \
                        skill in self.t.matcher(text.replace("{n}", "3")):
                    ok.append((text, "{n}" in template))
            if not ok:
                text = f"Experience with {natural}"
                ok.append((text, False))
            for text, uses_years in ok:
                (with_years if uses_years else without).append((text, weight / len(ok)))
        if not without:
            without = [(f"Experience with {_natural(info.forms[0], info, info.forms[0] in info.bare)}", 1.0)]
        both = with_years + without
        cached = ([t for t, _ in both], _cum(w for _, w in both), [t for t, _ in without], _cum(w for _, w in without))
        self._bullet_cache[key] = cached
        for text, _w in both:  # what each line names (its "{n}" never names a skill)
            self._bullet_implied[text] = self.t.matcher(text.replace("{n}", "3"))
        return cached

    def _implied(self, text: str) -> tuple[str, ...]:
        """Skills a fixed fragment names (cached by text; fragments repeat across postings)."""
        found = self._implied_cache.get(text)
        if found is None:
            if len(self._implied_cache) > 30_000:
                self._implied_cache.clear()
            found = self._implied_cache[text] = self.t.matcher(text)
        return found

    def _body(self, job: _Job, required: list[str], nice: list[str], like: _Job | None) -> dict[str, Any]:
        rng = self.rng
        rand = rng.random
        fam, company = job.family, job.company
        self.tech = tech = fam.spec["tech"]
        kind = self.t.kind
        implied_of = self._implied
        years = 1 if job.sen == "Junior " or job.etype == "internship" else (2, 3, 3, 4, 5)[int(rand() * 5)] + (
            2 if job.sen in ("Senior ", "Sr. ", "Lead ", "Staff ", "Principal ") else 0)
        state = {"years": years, "years_used": False}
        if job.german:
            return self._body_de(job, required, nice, state)
        if like is not None:
            body = {k: v for k, v in like.body.items() if k != "blocks"}  # same boilerplate, own skills
            implied = list(body["boiler_implied"])
        else:
            # a company writes the same boilerplate in all its postings (team, benefits, how to apply)
            city = job.city[0] if job.city else ""
            key = (company.index, job.arrangement, city, job.etype in ("contract", "freelance"), fam.spec["artifact"])
            boiler = self._boilerplate.get(key)
            if boiler is None:
                if len(self._boilerplate) > 4_000:
                    self._boilerplate.clear()
                boiler = self._boilerplate[key] = self._company_boilerplate(job, fam, company)
            team, offers, apply, headings, boiler_implied = boiler
            contexts = _CONTEXT[job.etype]
            context = context_template = contexts[int(rand() * len(contexts))]
            if "{" in context:
                context = context.format(h=(10, 15, 20, 25, 30)[int(rand() * 5)], m=(3, 6, 6, 9, 12)[int(rand() * 5)])
            missions = fam.spec["missions"]
            perms = fam.duty_perms
            duties = perms[int(rand() * len(perms))][: 4 + int(rand() * 2)]
            body = {
                "about": f"{company.name} {company.blurb}. {team}",
                "mission": missions[int(rand() * len(missions))],
                "context": context,
                "duties": duties,
                "offers": offers,
                "apply": apply,
                "h": headings,
            }
            implied = list(boiler_implied)
            for d in duties:
                implied.extend(implied_of(d))
            implied.extend(implied_of(body["mission"]))
            implied.extend(implied_of(context_template))
            body["boiler_implied"] = tuple(implied)
        role = job.title.split(" (")[0].split(" - ")[0]
        implied.extend(implied_of(role))
        article = "an" if role[:1] in "AEIOaeio" or (role[:1] in "Uu" and not role[:2].lower() in ("ux", "ui")) else "a"
        body["role"] = f"We're looking for {article} {role} to {body['mission']}. {body['context']}"
        req_bullets: list[str] = []
        grouped: tuple[str, ...] = ()
        if rand() < 0.45:
            groupable = [x for x in required if kind[x] in _GROUPABLE]
            if len(groupable) >= 2:
                grouped = tuple(groupable[: 2 + int(rand() * 2)])
                forms = [self._surface(x) for x in grouped]
                template = _GROUP_TEMPLATES[int(rand() * len(_GROUP_TEMPLATES))]
                req_bullets.append(template.replace("{x}", _join(forms, "and" if rand() < 0.6 else "or")))
        # the requirement lines (inlined _req_bullet: the hottest loop of the generator)
        cache, line_implied, build = self._bullet_cache, self._bullet_implied, self._bullets
        years_used = False
        for x in required:
            if x in grouped:
                continue
            entry = cache.get((x, False, tech)) or build(x, False)
            texts, cum = (entry[2], entry[3]) if years_used else (entry[0], entry[1])
            text = texts[bisect.bisect_right(cum, rand() * cum[-1])]
            implied.extend(line_implied[text])
            if "{n}" in text:
                years_used = True
                text = text.replace("{n}", str(years))
            req_bullets.append(text)
        extra = _REQ_EXTRA[tech]
        template = extra[int(rand() * len(extra))]
        if "{n}" in template and years_used:
            template = extra[1]
        req_bullets.append(template.replace("{n}", str(years)))
        nice_bullets = []
        for x in nice:
            entry = cache.get((x, True, tech)) or build(x, True)
            texts, cum = (entry[2], entry[3]) if years_used else (entry[0], entry[1])
            text = texts[bisect.bisect_right(cum, rand() * cum[-1])]
            implied.extend(line_implied[text])
            if "{n}" in text:
                years_used = True
                text = text.replace("{n}", str(years))
            nice_bullets.append(text)
        if len(nice_bullets) < 2:
            nice_bullets.append(_NICE_EXTRA[int(rand() * len(_NICE_EXTRA))])
        body["req"] = req_bullets
        body["nice"] = nice_bullets
        stack_line = None
        if tech and rand() < 0.35:
            tech_required = [x for x in required if kind[x] in _STACKABLE]
            if len(tech_required) >= 3:
                forms = [self._surface(x) for x in tech_required[:5]]
                stack_line = _STACK_LINE[int(rand() * len(_STACK_LINE))].replace("{x}", _join(forms))
        body["stack"] = stack_line
        body["implied"] = implied
        return body

    def _company_boilerplate(self, job: _Job, fam: _FamilyTable, company: _Company) -> tuple:
        rng = self.rng
        n = company.size
        if job.arrangement == "remote":
            template = _demo._TEAM_SENTENCES[int(rng.random() * len(_demo._TEAM_SENTENCES))]
            region = _demo._REGIONS[int(rng.random() * len(_demo._REGIONS))]
            team = template.format(n=n, region=region, year=2012 + int(rng.random() * 11))
            team_implied = (*self._implied(template), *self._implied(region))
        else:
            pool = _HYBRID_TEAM if job.arrangement == "hybrid" else _ONSITE_TEAM
            template = pool[int(rng.random() * len(pool))]
            team = template.format(n=n, city=job.city[0])
            team_implied = self._implied(template)
        if job.etype in ("contract", "freelance"):
            pool = _demo._BENEFITS_CONTRACT
        else:
            pool = _BENEFITS_REMOTE if job.arrangement == "remote" else _BENEFITS_OFFICE
        offers = _sample(rng, pool, 3 + int(rng.random() * 2))
        process = _sample(rng, _demo._APPLY_PROCESS, 2)
        apply = _APPLY[int(rng.random() * len(_APPLY))].format(a=fam.spec["artifact"]) + " " + " ".join(process)
        headings = {k: v[int(rng.random() * len(v))] for k, v in _HEADINGS.items()}
        implied = tuple(dict.fromkeys([*self._implied(company.blurb), *team_implied,
                                        *(x for o in offers for x in self._implied(o)), *self._implied(apply)]))
        return team, offers, apply, headings, implied

    def _body_de(self, job: _Job, required: list[str], nice: list[str], state: dict) -> dict[str, Any]:
        rng, company = self.rng, job.company
        de = _DE

        def bullet(skill: str, templates) -> str:
            info = self.t.skills[skill]
            forms = [f for f in info.forms if f not in info.bare]
            form = forms[int(rng.random() * len(forms))]
            return templates[int(rng.random() * len(templates))].replace("{s}", form)

        pool = de["duties_tech"] if job.family.spec["tech"] else de["duties_biz"]
        extra = de["extra"][int(rng.random() * len(de["extra"]))].replace("{n}", str(state["years"]))
        body = {
            "about": f"{company.name} {company.blurb_de}.",
            "role": de["intro"][int(rng.random() * len(de["intro"]))].replace("{role}", job.title),
            "duties": _sample(rng, pool, 4),
            "req": [bullet(s, de["req"]) for s in required] + [extra],
            "nice": [bullet(s, de["nice_req"]) for s in nice],
            "offers": _sample(rng, de["offer_items"], 4),
            "apply": de["apply"][int(rng.random() * len(de["apply"]))],
            "h": {k: de[k][int(rng.random() * len(de[k]))] for k in ("do", "need", "nice", "offer")},
            "stack": None,
        }
        body["implied"] = [x for frag in (company.blurb_de, body["role"], *body["duties"], *body["req"], *body["nice"],
                                          *body["offers"], body["apply"]) for x in self._implied(frag)]
        return body


# --------------------------------------------------------------------------------------------
# Rendering: one job as one source's posting
# --------------------------------------------------------------------------------------------
# Layout per source: (about heading, heading colon, blank line after a heading, prefix, suffix).
# Pairwise different, so the same job on two boards never has the same text.
_LAYOUT = {
    "remotive": ("About {c}", False, True),
    "arbeitnow": ("About {c}", False, False),
    "weworkremotely": ("About {c}", False, True),
    "himalayas": ("About {c}\n", False, True),
    "jobicy": ("About {c}:", True, True),
    "remoteok": ("", True, False),
    "hackernews": ("", True, False),
    "greenhouse": ("About us:\n", True, True),
    "lever": ("", False, True),
}


def _render(job: _Job, source: str) -> str:
    b = job.body
    blocks = b.get("blocks")
    if blocks is None:  # the bullet lists, joined once per job (copies reuse them)
        blocks = b["blocks"] = tuple("- " + "\n- ".join(b[k]) if b[k] else "" for k in ("duties", "req", "nice", "offers"))
    if job.german:
        about, colon, blank = ("Über uns", False, True)
    else:
        about, colon, blank = _LAYOUT[source]
    company = job.company
    sep = (":" if colon else "") + ("\n\n" if blank else "\n")
    h = b["h"]
    parts = [f"Headquarters: {_COUNTRY_NAME.get(company.hq, company.hq)}\nURL: https://{company.domain}"] \
        if source == "weworkremotely" else []
    parts.append(about.replace("{c}", company.name) + "\n" + b["about"] if about else b["about"])
    parts.append(b["role"])
    for heading, block in zip((h["do"], h["need"], h["nice"]), blocks):
        if block:
            parts.append(heading + sep + block)
    if b["stack"]:
        parts.append(b["stack"])
    if blocks[3]:
        parts.append(h["offer"] + sep + blocks[3])
    parts.append(b["apply"])
    outro = _OUTRO.get(source)
    if outro and not job.german:
        parts.append(outro.replace("{domain}", company.domain))
    return "\n\n".join(parts)


def _salary_text(pay: tuple[float, float, str, str], style: int) -> str:
    lo, hi, cur, period = pay
    sym = _SYMBOL[cur]
    if period == "year":
        if style == 0:
            return f"{sym}{int(lo) // 1000}k - {sym}{int(hi) // 1000}k"
        if style == 1:
            return f"{sym}{int(lo):,} - {sym}{int(hi):,}"
        if style == 2:
            return f"{sym}{int(lo) // 1000}k-{sym}{int(hi) // 1000}k"
        if style == 3:
            return f"{cur} {int(lo):,} - {int(hi):,} per year"
        return f"{sym}{int(lo) // 1000}k"
    if style in (0, 3):
        return f"{sym}{int(lo)} - {sym}{int(hi)} /hour"
    if style == 1:
        return f"{sym}{int(lo)}-{sym}{int(hi)}/hr"
    if style == 2:
        return f"{sym}{int(lo)} - {sym}{int(hi)} per hour"
    return f"{sym}{int(lo)}/hr"


@lru_cache(maxsize=2048)
def _parse_pay(text: str):
    return parse_pay(text)


@lru_cache(maxsize=2048)
def _pay_fields(low, high, currency, period) -> dict[str, Any]:
    pay = Pay(low if low is not None else high, high if high is not None else low, currency, period) \
        if low is not None or high is not None else None
    hourly = pay.per("hour") if pay else None
    annual = pay.per("year") if pay else None
    return {"salary_min": low, "salary_max": high, "salary_currency": currency, "salary_period": period,
            "salary_hourly_min": hourly[0] if hourly else None, "salary_hourly_max": hourly[1] if hourly else None,
            "salary_annual_min": annual[0] if annual else None, "salary_annual_max": annual[1] if annual else None}


_NO_PAY = _pay_fields(None, None, None, None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


@lru_cache(maxsize=8192)
def _clean(value: str | None) -> str | None:
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", value).strip()
    return text or None


def _remote_tags(job: _Job, source: str) -> list[str]:
    out = []
    for s in job.skills[:6]:
        tag = _demo._TAG.get(s, s.lower())
        if tag not in out:
            out.append(tag)
    return out


@lru_cache(maxsize=4096)
def _himalayas_category(skill: str) -> str:
    return _slug(skill).title()


_HIMALAYAS_TYPE = {"full_time": "Full Time", "part_time": "Part Time", "contract": "Contractor",
                   "freelance": "Freelance", "internship": "Intern"}
_JOBICY_TYPE = {"full_time": "Full-Time", "part_time": "Part-Time", "contract": "Contract", "freelance": "Freelance",
                "internship": "Internship"}
_WWR_TYPE = {"full_time": "Full-Time", "part_time": "Part-Time", "contract": "Contract", "freelance": "Contract",
             "internship": "Internship"}
_LEVER_TYPE = {"full_time": "Full-time", "part_time": "Part-time", "contract": "Contract", "freelance": "Freelance",
               "internship": "Intern"}
_GH_TYPE = {"full_time": ("Full-time", "Permanent", "Full Time"), "part_time": ("Part-time",),
            "contract": ("Contract", "Fixed Term"), "freelance": ("Freelance",), "internship": ("Intern", "Internship")}
_HN_TYPE = {"full_time": ("Full-time", "FULLTIME", "Full Time"), "part_time": ("Part-time",),
            "contract": ("Contract", "CONTRACT"), "freelance": ("Freelance", "Contract"),
            "internship": ("Intern", "Internship")}
_AN_TYPE = {"full_time": ((), ("berufserfahren",), ("Full-time",), ("Fulltime",), ("professional / experienced",)),
            "part_time": (("Part-time",), ("Teilzeit",)), "contract": (("Contract",),), "freelance": (("Freelance",),),
            "internship": (("Working student",), ("Internship",))}
_LEVEL = {"": "Midweight", "Senior ": "Senior", "Sr. ": "Senior", "Junior ": "Junior", "Lead ": "Lead",
          "Staff ": "Senior", "Principal ": "Senior", "Mid-level ": "Midweight", "Associate ": "Junior"}
_HN_USERS = ("throwaway_hr", "jsmith", "founder42", "eng_lead", "talent_team", "hiring_mgr", "ops_anna", "cto_dan",
             "recruit_sam", "dev_hiring")


def _encode_std(rec: dict[str, Any]) -> bytes:
    return json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


_encode: Callable[[dict[str, Any]], bytes] = _orjson.dumps if _orjson is not None else _encode_std


class _Writer:
    """Posts jobs as source postings: ids, native fields, the pipeline's normalised fields, the file line."""

    def __init__(self, gen: _Generator, out_dir: Path, sources: tuple[str, ...], stride: int, *, shard: int = 0) -> None:
        self.gen = gen
        self.win = gen.win
        self.stride = stride
        self.shard = shard
        self.counters: dict[tuple[str, int], int] = {}
        self.tmp = {s: out_dir / f".{s}.jsonl.part{shard}" for s in sources}
        self.files = {s: open(self.tmp[s], "wb", buffering=1 << 20) for s in sources}
        self.lines = {s: 0 for s in sources}
        self.dumps = _encode
        self.hn_ok = 0
        self.hn_bad = 0

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()

    def _serial(self, source: str, day: int) -> int:
        k = (source, day)
        c = self.counters.get(k, 0)
        self.counters[k] = c + 1
        return (day * self.stride + c) * _SHARDS + self.shard

    def post(self, job: _Job, source: str, day: int, seconds: int, *, city: tuple | None = None) -> tuple[str, str, str] | None:
        """Write one posting; returns (source, source_id, posted_at) or None when the source cannot take it."""
        date = self.win.dates[day]
        serial = self._serial(source, day)
        title = job.title if city is None else f"{job.title} ({city[0]})"
        rec = getattr(self, "_" + source)(job, source, date, seconds, serial, title, city)
        if rec is None:
            return None
        rec["posted_at"] = _day_iso(date)
        rec["posted_at_utc"] = _iso(date, seconds) + "Z"
        rec["crawled_at"] = _crawled_at(date, source)
        self.files[source].write(self.dumps(rec) + b"\n")
        self.lines[source] += 1
        return source, rec["source_id"], rec["posted_at"]

    # -- common pieces ------------------------------------------------------------------------

    def _location_text(self, job: _Job, source: str, city: tuple | None) -> str:
        if job.arrangement == "remote":
            labels = _REMOTE_LABELS.get(source, {})
            return labels.get(job.geo) or _REMOTE_LABELS["default"][job.geo]
        c = city or job.city
        if source == "arbeitnow" or city is None:
            return c[1]
        return f"{c[0]}, {_COUNTRY_NAME.get(c[2], c[2])}" if c[2] != "US" else f"{c[0]}, {_US_STATE.get(c[0], 'USA')}"

    def _finish(self, rec: dict[str, Any], job: _Job, source: str, location: str | None, remote: str,
                etype_raw: str | None, category: str | None, pay: dict[str, Any], salary_text: str | None,
                tags: list[str], raw: dict[str, Any]) -> dict[str, Any]:
        location = _clean(location)
        countries, regions = _location(location)
        title = rec["title"]
        if remote not in ("remote", "hybrid", "onsite"):
            remote = _fallback_remote(location, title)
        out = {"source": source, "source_id": rec["source_id"], "url": rec["url"], "title": title,
               "company": rec["company"], "description": rec["description"], "posted_at": None,
               "posted_at_utc": None, "location": location, "country_codes": list(countries),
               "regions": list(regions), "remote": remote, "seniority": _seniority(title) if title else "unknown",
               "employment_type": _etype(etype_raw), "category": _clean(category), "salary_text": salary_text}
        out.update(pay)  # a shared (cached) dict: copied into the record, never changed
        out["tags"] = tags
        out["attribution"] = _ATTRIBUTION[source]
        out["crawled_at"] = None
        out["raw"] = raw
        return out

    def _pay_for(self, job: _Job, source: str) -> tuple[float, float, str, str] | None:
        if job.pay is None:
            return None
        # the same job states its pay on some boards and not on others, by a per-job draw
        draw = (_mix(job.pay_seed * 31 + len(source)) % 10_000) / 10_000
        return job.pay if draw < _PAY_RATE[source] else None

    def _text_pay(self, job: _Job, source: str) -> tuple[str | None, dict[str, Any]]:
        pay = self._pay_for(job, source)
        if pay is None:
            return None, _NO_PAY
        text = _salary_text(pay, job.pay_seed % 5)
        parsed = _parse_pay(text)
        if parsed is None:  # pragma: no cover - every style parses
            return text, _NO_PAY
        return text, _pay_fields(parsed.min, parsed.max, parsed.currency, parsed.period)

    # -- sources ------------------------------------------------------------------------------

    def _remotive(self, job, source, date, seconds, serial, title, city):
        jid = 1_600_000 + serial * 7 + job.jid % 7
        cats = job.family.spec["cats"]
        category = cats.get("remotive")
        slug_cat = _slug(category or "all-others")
        url = f"https://remotive.com/remote-jobs/{slug_cat}/{_slug(title)}-{jid}"
        location = self._location_text(job, source, city)
        job_type = "" if job.pay_seed % 50 == 0 else job.etype
        text, pay = self._text_pay(job, source)
        tags = _remote_tags(job, source)
        raw = {"id": jid, "url": url, "title": title, "company_name": job.company.name,
               "company_logo": f"https://remotive.com/job/{jid}/logo", "category": category, "tags": tags,
               "job_type": job_type, "publication_date": _iso(date, seconds),
               "candidate_required_location": location, "salary": text or "", "_synthetic": True}
        rec = {"source_id": str(jid), "url": url, "title": title, "company": job.company.name,
               "description": _render(job, source)}
        return self._finish(rec, job, source, location, "remote", job_type, category, pay, text, tags, raw)

    def _remoteok(self, job, source, date, seconds, serial, title, city):
        jid = 1_050_000 + serial * 3 + job.jid % 3
        slug = f"remote-{_slug(title)}-{job.company.slug}-{jid}"
        url = f"https://remoteOK.com/remote-jobs/{slug}"
        location = "" if job.pay_seed % 5 < 2 else self._location_text(job, source, city)
        pay = self._pay_for(job, source)
        if pay is not None and pay[2] != "USD":
            pay = None  # Remote OK shows yearly USD only
        if pay is not None:
            lo, hi = (pay[0], pay[1]) if pay[3] == "year" else (round(pay[0] * 2080), round(pay[1] * 2080))
            lo, hi = float(_round_to(lo, 1000)), float(_round_to(hi, 1000))
            text = f"${lo:,.0f} - ${hi:,.0f} per year"
            fields = _pay_fields(lo, hi, "USD", "year")
        else:
            lo = hi = 0
            text, fields = None, _NO_PAY
        tags = [t.lower() for t in _remote_tags(job, source)[:4]] + (["senior"] if "Senior" in title else []) + ["dev" if job.family.spec["tech"] else "non tech"]
        raw = {"slug": slug, "id": str(jid), "epoch": _epoch(date, seconds),
               "date": _iso(date, seconds) + "+00:00", "company": job.company.name, "position": title,
               "tags": tags, "location": location, "salary_min": int(lo), "salary_max": int(hi),
               "apply_url": url, "url": url, "_synthetic": True}
        rec = {"source_id": str(jid), "url": url, "title": title, "company": job.company.name,
               "description": _render(job, source)}
        return self._finish(rec, job, source, location or None, "remote", None, None, fields, text, tags, raw)

    def _arbeitnow(self, job, source, date, seconds, serial, title, city):
        n = 100_000 + serial * 5 + job.jid % 5
        if job.german and city is None and job.arrangement != "remote" and job.pay_seed % 3 == 0:
            title = f"{title} (m/w/d)"
        location = self._location_text(job, source, city)
        loc_slug = _slug(location.split(",")[0])
        slug = f"{_slug(title)}-{loc_slug}-{n}"
        url = f"https://www.arbeitnow.com/jobs/companies/{job.company.slug}/{slug}"
        types = _AN_TYPE[job.etype]
        job_types = list(types[job.pay_seed % len(types)])
        tags = (["Remote"] if job.arrangement == "remote" else []) + (["IT"] if job.family.spec["tech"] else [])
        raw = {"slug": slug, "company_name": job.company.name, "title": title, "remote": job.arrangement == "remote",
               "url": url, "tags": tags, "job_types": job_types, "location": location,
               "created_at": _epoch(date, seconds), "_synthetic": True}
        rec = {"source_id": slug, "url": url, "title": title, "company": job.company.name,
               "description": _render(job, source)}
        remote = "remote" if job.arrangement == "remote" else "onsite"
        return self._finish(rec, job, source, location, remote, job_types[0] if job_types else None, None,
                            _NO_PAY, None, tags, raw)

    def _himalayas(self, job, source, date, seconds, serial, title, city):
        n = serial * 3 + job.jid % 3
        link = f"https://himalayas.app/companies/{job.company.slug}/jobs/{_slug(title)}-{n}"
        label = self._location_text(job, source, city)
        restrictions = [] if job.geo == "WW" else [x.strip() for x in label.split(",") if x.strip()]
        cats = job.family.spec["cats"]
        parent = cats.get("himalayas") if job.pay_seed % 5 else None
        categories = [_himalayas_category(s) for s in job.skills[:5]]
        pay = self._pay_for(job, source)
        period_word = {"year": "annual", "hour": "hourly"}
        raw = {"title": title, "companyName": job.company.name, "companySlug": job.company.slug,
               "employmentType": _HIMALAYAS_TYPE[job.etype],
               "minSalary": int(pay[0]) if pay else None, "maxSalary": int(pay[1]) if pay else None,
               "salaryPeriod": period_word[pay[3]] if pay else "annual", "seniority": [_LEVEL.get(job.sen, "Midweight")],
               "currency": pay[2] if pay else None, "locationRestrictions": restrictions, "timezoneRestrictions": [],
               "categories": categories, "parentCategories": [parent] if parent else [],
               "pubDate": _epoch(date, seconds), "expiryDate": _epoch(date, seconds) + 60 * 86400,
               "applicationLink": link, "guid": link, "_synthetic": True}
        fields = _pay_fields(float(pay[0]), float(pay[1]), pay[2], pay[3]) if pay else _NO_PAY
        rec = {"source_id": link, "url": link, "title": title, "company": job.company.name,
               "description": _render(job, source)}
        location = ", ".join(restrictions) or "Worldwide"
        return self._finish(rec, job, source, location, "remote", raw["employmentType"], parent, fields, None,
                            categories, raw)

    def _jobicy(self, job, source, date, seconds, serial, title, city):
        jid = 90_000 + serial * 3 + job.jid % 3
        slug = f"{jid}-{_slug(title)}"
        url = f"https://jobicy.com/jobs/{slug}"
        industry = (job.family.spec["cats"].get("jobicy") or "").replace("&", "&amp;")
        location = self._location_text(job, source, city)
        pay = self._pay_for(job, source)
        raw = {"id": jid, "url": url, "jobSlug": slug, "jobTitle": title, "companyName": job.company.name,
               "jobIndustry": [industry] if industry else [], "jobType": [_JOBICY_TYPE[job.etype]],
               "jobGeo": location, "jobLevel": "Any" if job.sen == "" else _LEVEL.get(job.sen, "Any"),
               "pubDate": _iso(date, seconds) + "+00:00", "_synthetic": True}
        if pay:
            raw.update({"salaryMin": int(pay[0]), "salaryMax": int(pay[1]), "salaryCurrency": pay[2],
                        "salaryPeriod": "yearly" if pay[3] == "year" else "hourly"})
        fields = _pay_fields(float(pay[0]), float(pay[1]), pay[2], pay[3]) if pay else _NO_PAY
        rec = {"source_id": str(jid), "url": url, "title": title, "company": job.company.name,
               "description": _render(job, source)}
        return self._finish(rec, job, source, location, "remote", raw["jobType"][0], industry or None, fields, None,
                            list(raw["jobIndustry"]), raw)

    def _weworkremotely(self, job, source, date, seconds, serial, title, city):
        cats = job.family.spec["cats"].get("weworkremotely")
        category = cats if isinstance(cats, str) else cats[job.pay_seed % len(cats)] if cats else "All Other Remote"
        link = f"https://weworkremotely.com/remote-jobs/{job.company.slug}-{_slug(title)}-{serial % 100_000}{serial // 100_000}"
        region = self._location_text(job, source, city)
        state = _COUNTRY_NAME.get(job.company.hq, "") if job.pay_seed % 2 else ""
        skills = ", ".join(job.skills[:3]) if job.pay_seed % 4 == 0 else ""
        raw = {"title": f"{job.company.name}: {title}", "region": region, "country": "", "state": state,
               "skills": skills, "category": category, "type": _WWR_TYPE[job.etype], "pubDate": _rfc822(date, seconds),
               "guid": link, "link": link, "_synthetic": True}
        rec = {"source_id": link, "url": link, "title": title, "company": job.company.name,
               "description": _render(job, source)}
        location = ", ".join(p for p in (region, "", state) if p) or None
        tags = [s.strip() for s in skills.split(",") if s.strip()]
        return self._finish(rec, job, source, location, "remote", raw["type"], category, _NO_PAY, None, tags, raw)

    def _hackernews(self, job, source, date, seconds, serial, title, city):
        if city is not None:
            return None
        item_id = 36_000_000 + serial * 3 + job.jid % 3
        fields = []
        if job.hn_thread == "freelancer":
            fields.append("SEEKING FREELANCER")
        fields += [job.company.name, title]
        location = self._location_text(job, source, None)
        if job.arrangement != "remote":
            fields.append(location)
            fields.append({"hybrid": "Hybrid", "onsite": "ONSITE", "unstated": ""}[job.arrangement])
        else:
            fields.append(location.replace("Remote (", "REMOTE (", 1) if job.pay_seed % 2 else location)
        types = _HN_TYPE[job.etype]
        if job.pay_seed % 4:
            fields.append(types[job.pay_seed % len(types)])
        pay = self._pay_for(job, source)
        if pay:
            fields.append(_salary_text(pay, job.pay_seed % 4))
        fields.append(f"https://{job.company.domain}")
        header = " | ".join(f for f in fields if f)
        description = header + "\n\n" + _render(job, source)
        parsed = _hn.parse_first_line(_hn.first_line(description))
        got_title = parsed["role"] or _hn._truncate(header) or None
        if got_title != title or parsed["company"] != job.company.name:
            self.hn_bad += 1
            return None
        self.hn_ok += 1
        salary_text = parsed["salary_text"]
        pay_fields = _NO_PAY
        if salary_text:
            p = _parse_pay(salary_text)
            if p is not None:
                pay_fields = _pay_fields(p.min, p.max, p.currency, p.period)
        etype_raw = "freelance" if job.hn_thread == "freelancer" else parsed["employment_type"]
        thread_id = 35_000_000 + self.win.month_of[(date - self.win.start).days] * 3 + (1 if job.hn_thread == "freelancer" else 0)
        raw = {"by": _HN_USERS[job.jid % len(_HN_USERS)], "id": item_id, "parent": thread_id,
               "time": _epoch(date, seconds), "type": "comment", "_synthetic": True}
        rec = {"source_id": str(item_id), "url": _hn.ITEM_URL.format(item_id), "title": got_title,
               "company": parsed["company"], "description": description}
        return self._finish(rec, job, source, parsed["location"], parsed["remote"], etype_raw, None, pay_fields,
                            salary_text, [f"hn:{job.hn_thread}"], raw)

    def _greenhouse(self, job, source, date, seconds, serial, title, city):
        jid = 4_000_000 + serial * 3 + job.jid % 3
        token = job.company.slug.replace("-", "")
        url = f"https://job-boards.greenhouse.io/{token}/jobs/{jid}"
        location = self._location_text(job, source, city)
        dept = job.family.spec["cats"].get("greenhouse")
        metadata = []
        types = _GH_TYPE[job.etype]
        if job.pay_seed % 5:
            metadata.append({"id": 71369, "name": "Employment Type", "value": types[job.pay_seed % len(types)],
                             "value_type": "single_select"})
        workplace = {"hybrid": "Hybrid", "onsite": "On-site"}.get(job.arrangement)
        if workplace:
            metadata.append({"id": 71370, "name": "Workplace Type", "value": workplace, "value_type": "single_select"})
        local = seconds - 4 * 3600
        local_day = date if local >= 0 else date - _dt.timedelta(days=1)
        stamp = _iso(local_day, local % 86400) + "-04:00"
        office = (city or job.city)[0] if job.arrangement != "remote" else "Remote"
        raw = {"id": jid, "internal_job_id": jid - 500_000, "title": title, "absolute_url": url,
               "company_name": job.company.name, "location": {"name": location}, "updated_at": stamp,
               "first_published": stamp, "requisition_id": str(1000 + serial % 9000), "language": "en",
               "departments": [{"id": 64000 + len(dept or ""), "name": dept}] if dept else [],
               "offices": [{"id": 78000 + len(office), "name": office}], "metadata": metadata, "_synthetic": True}
        texts = [m["value"] for m in metadata if m["name"] == "Workplace Type"] + [location, office]
        remote = _gh_workplace(tuple(texts))
        etype_raw = next((m["value"] for m in metadata if m["name"] == "Employment Type"), None)
        rec = {"source_id": str(jid), "url": url, "title": title, "company": job.company.name,
               "description": _render(job, source)}
        return self._finish(rec, job, source, location, remote, etype_raw, dept, _NO_PAY, None,
                            [dept] if dept else [], raw)

    def _lever(self, job, source, date, seconds, serial, title, city):
        hi, lo = _mix(serial ^ 0x1EAF), _mix(serial * 7 + 3)
        h = f"{hi:016x}{lo:016x}"
        uid = f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"
        url = f"https://jobs.lever.co/{job.company.slug}/{uid}"
        location = self._location_text(job, source, city)
        cats = job.family.spec["cats"]
        dept, team = cats.get("lever"), cats.get("lever_team")
        commitment = _LEVER_TYPE[job.etype] if job.pay_seed % 10 else ""
        kind = {"remote": "remote", "hybrid": "hybrid", "onsite": "onsite" if job.pay_seed % 2 else "on-site",
                "unstated": "unspecified"}[job.arrangement]
        pay = self._pay_for(job, source)
        raw = {"id": uid, "text": title, "hostedUrl": url, "applyUrl": url + "/apply",
               "createdAt": _epoch(date, seconds) * 1000 + serial % 1000,
               "categories": {"commitment": commitment, "department": dept, "team": team, "location": location,
                              "allLocations": [location]},
               "workplaceType": kind, "_synthetic": True}
        text = None
        fields = _NO_PAY
        if pay:
            interval = "per-year-salary" if pay[3] == "year" else "per-hour-wage"
            raw["salaryRange"] = {"min": int(pay[0]), "max": int(pay[1]), "currency": pay[2], "interval": interval}
            if job.pay_seed % 3 == 0:
                text = f"The pay range for this role is {_salary_text(pay, 1)}."
                raw["salaryDescriptionPlain"] = text
            fields = _pay_fields(float(pay[0]), float(pay[1]), pay[2], pay[3])
        tags = [x for x in dict.fromkeys((dept, team)) if x]
        remote = {"remote": "remote", "hybrid": "hybrid", "onsite": "onsite", "on-site": "onsite"}.get(kind, "unknown")
        if remote == "unknown" and "remote" in location.lower():
            remote = "remote"
        rec = {"source_id": uid, "url": url, "title": title, "company": job.company.name,
               "description": _render(job, source)}
        return self._finish(rec, job, source, location, remote, commitment or None, tags[0] if tags else None,
                            fields, text, tags, raw)


# --------------------------------------------------------------------------------------------
# The run: budgets, copies, truth
# --------------------------------------------------------------------------------------------


@dataclass
class SynthSummary:
    out_dir: str
    postings: int  # lines written, all files
    distinct_jobs: int  # jobs as the unit of demand sees them (copies of one job are one job)
    counted_postings: int  # job-periods: distinct jobs, plus every re-post in a later month
    lines: dict[str, int]
    bytes: dict[str, int]
    files: dict[str, str]
    copy_groups: dict[str, int]
    truth: str
    seconds: float
    start: str
    end: str
    weeks: int
    title_collisions: int = 0
    workers: int = 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_GROUP_SIZES = _cum((40, 30, 15, 10, 5))  # city variants: 2..6 postings


#: A corpus is always generated as this many independent shards (every shard has its own
#: companies, random stream and id space), run one after the other or in parallel processes:
#: the files are the same either way.
_SHARDS = 2


def _budgets(win: _Window, postings: int, seed: int, sources: tuple[str, ...]) -> list[dict[str, list[int]]]:
    """Per shard, per day: how many lines of HN and of the other sources to write."""
    hn_share = 0.0 if "hackernews" not in sources else (1.0 if sources == ("hackernews",) else _HN_SHARE)
    other, hn = _day_budgets(win, postings, hn_share, seed)
    out = []
    for k in range(_SHARDS):
        def split(n: int, d: int) -> int:  # a day's odd line goes to alternating shards
            return n // _SHARDS + (1 if n % _SHARDS > (k + d) % _SHARDS else 0)

        out.append({"other": [split(n, d) for d, n in enumerate(other)], "hn": [split(n, d) for d, n in enumerate(hn)]})
    return out


class _Run:
    def __init__(self, out_dir: Path, postings: int, seed: int, win: _Window, sources: tuple[str, ...],
                 progress: Callable[[int], None] | None, *, shard: int = 0,
                 budget: dict[str, list[int]] | None = None) -> None:
        self.out_dir, self.postings, self.seed, self.win, self.sources = out_dir, postings, seed, win, sources
        self.progress = progress
        self.shard = shard
        self.budget = budget if budget is not None else _budgets(win, postings, seed, sources)[shard]
        self.sched = {"other": [0] * win.days, "hn": [0] * win.days}
        self.left = {"other": 0, "hn": 0}
        self.today = 0
        stride = max([a + b for a, b in zip(self.budget["other"], self.budget["hn"])] + [1]) + 1
        self.gen = _Generator(postings=postings, seed=seed, win=win, sources=sources, shard=shard)
        self.rng = self.gen.rng
        self.writer = _Writer(self.gen, out_dir, sources, stride, shard=shard)
        self.groups_path = out_dir / f".truth-groups.part{shard}"
        self.groups = open(self.groups_path, "w", encoding="utf-8", newline="\n", buffering=1 << 20)
        self.group_counts = {"cross_board": 0, "city_variant": 0, "monthly_repost": 0, "lookalike": 0}
        self.written = 0
        self.next_progress = 10_000
        w, m = win.weeks, len(win.month_keys)
        tracked = list(TRENDS) + [s for s in STABLE if s not in TRENDS] + \
            [s for s in CONTRACT_RISE if s not in TRENDS and s not in STABLE] + \
            [s for s in PAY_PREMIUMS if s not in TRENDS and s not in STABLE and s not in CONTRACT_RISE]
        self.tracked = {s: [0] * w for s in tracked}
        self.tracked_names = frozenset(tracked)
        self.rise = {s: [[0, 0] for _ in range(w)] for s in CONTRACT_RISE}
        self.family_week = {k: [0] * w for k in FAMILIES}
        self.counted_week, self.counted_month = [0] * w, [0] * m
        self.lines_week, self.lines_month = [0] * w, [0] * m
        self.distinct = 0
        self.counted = 0
        self.intended_keys: dict[tuple[str, str, str], int] = {}
        self.observed_keys: dict[tuple, int] = {}

    # -- capacity -------------------------------------------------------------------------

    @staticmethod
    def _kind(source: str) -> str:
        return "hn" if source == "hackernews" else "other"

    def _can(self, source: str, day: int) -> bool:
        if source not in self.writer.files or day < self.today or day >= self.win.days:
            return False
        kind = self._kind(source)
        if day == self.today:
            return self.left[kind] > 0
        return self.sched[kind][day] < self.budget[kind][day] * 0.5

    def _take(self, source: str, day: int) -> None:
        kind = self._kind(source)
        if day == self.today:
            self.left[kind] -= 1
        else:
            self.sched[kind][day] += 1

    def _seconds(self) -> int:
        rng = self.rng
        hour = bisect.bisect_right(_HOUR_CUM, rng.random() * _HOUR_CUM[-1])
        return hour * 3600 + int(rng.random() * 3600)

    def _post(self, job: _Job, source: str, day: int, city: tuple | None = None) -> tuple[str, str, str] | None:
        if not self._can(source, day):
            return None
        member = self.writer.post(job, source, day, self._seconds(), city=city)
        if member is None:
            return None
        self._take(source, day)
        self.lines_week[self.win.week_of[day]] += 1
        self.lines_month[self.win.month_of[day]] += 1
        self.written += 1
        if self.progress and self.written >= self.next_progress:
            self.progress(self.written)
            self.next_progress += 10_000
        return member

    def _count(self, job: _Job, day: int, *, new_job: bool) -> None:
        """One counted posting (a job in a period): a new job, or a re-post in a later month."""
        w = self.win.week_of[day]
        self.counted_week[w] += 1
        self.counted_month[self.win.month_of[day]] += 1
        self.counted += 1
        self.family_week[job.family.key][w] += 1
        for s in self.tracked_names.intersection(job.skills):
            self.tracked[s][w] += 1
            rise = self.rise.get(s)
            if rise is not None:
                rise[w][0] += 1
                if job.etype in ("contract", "freelance"):
                    rise[w][1] += 1
        if new_job:
            self.distinct += 1
            key = (job.etype, job.arrangement, job.family.key)
            self.intended_keys[key] = self.intended_keys.get(key, 0) + 1

    def _group(self, kind: str, job: _Job, members: list, **extra) -> None:
        if len(members) < 2:
            return
        self.group_counts[kind] += 1
        entry = {"kind": kind, "job": job.jid, "company": job.company.name, "members": [list(m) for m in members]}
        entry.update(extra)
        self.groups.write(json.dumps(entry, ensure_ascii=False))
        self.groups.write("\n")

    # -- one new job and its copies -------------------------------------------------------------

    def _targets(self, job: _Job, day: int) -> list[str]:
        out = []
        if job.arrangement == "remote":
            out += [s for s in ("remotive", "remoteok", "himalayas", "jobicy", "weworkremotely") if s in self.sources]
        elif job.city and job.city[2] in ("DE", "AT", "CH") and "arbeitnow" in self.sources:
            out.append("arbeitnow")
        if job.family.spec["hn"] and "hackernews" in self.sources and _hn_intensity(self.win.dates[min(day + 1, self.win.days - 1)]) >= 0.9:
            out.append("hackernews")
        if job.company.ats and job.company.ats in self.sources:
            out.append(job.company.ats)
        return [s for s in dict.fromkeys(out) if s != job.source]

    def spawn(self, day: int, source: str) -> bool:
        gen, rng, win = self.gen, self.rng, self.win
        job = gen.make(day, source)
        source = job.source
        # city variants: the same job several times this week, "Title (City)"
        if (job.arrangement in ("hybrid", "onsite") and source in ("greenhouse", "lever", "arbeitnow")
                and not job.german and rng.random() < _CITY_VARIANT_RATE):
            country = job.city[2]
            names = list(_CITY_GROUPS.get(country, ()))
            if len(names) >= 2:
                size = 2 + bisect.bisect_right(_GROUP_SIZES, rng.random() * _GROUP_SIZES[-1])
                rng.shuffle(names)
                if job.city[0] in names:
                    names.remove(job.city[0])
                    names.insert(0, job.city[0])
                members = []
                for k, name in enumerate(names[:size]):
                    d = day if k == 0 else day + int(rng.random() * (win.week_end[day] - day + 1))
                    text = name if source == "arbeitnow" and job.city[1] == job.city[0] else None
                    city = (name, text or name, country, job.city[3], job.city[4], 1.0)
                    member = self._post(job, source, d, city=city)
                    if member is None:
                        if k == 0:
                            return False
                        continue
                    members.append(member)
                self._count(job, day, new_job=True)
                self._group("city_variant", job, members, title=job.title)
                return True
        first = self._post(job, source, day)
        if first is None:
            return False
        self._count(job, day, new_job=True)
        # cross-board copies: the same job on another board, the same day or a few days later
        if not job.german and rng.random() < _CROSS_BOARD_RATE:
            targets = self._targets(job, day)
            rng.shuffle(targets)
            members = [first]
            for target in targets[: 1 if rng.random() < 0.8 else 2]:
                r = rng.random()
                offset = 0 if r < 0.4 else 1 if r < 0.7 else 2 if r < 0.85 else 3 + int(rng.random() * 2)
                member = self._post(job, target, min(day + offset, win.days - 1))
                if member is not None:
                    members.append(member)
            self._group("cross_board", job, members, title=job.title)
        # monthly re-posts: the same job again in later months (HN's monthly thread, re-listings)
        if rng.random() < _REPOST_RATE.get(source, _REPOST_DEFAULT):
            r = rng.random()
            n = 1 if r < 0.7 else 2 if r < 0.92 else 3
            members = [first]
            date = win.dates[day]
            for i in range(1, n + 1):
                y, m = divmod(date.month - 1 + i, 12)
                y, m = date.year + y, m + 1
                if source == "hackernews":
                    r = rng.random()
                    when = _thread_day(y, m) + _dt.timedelta(days=0 if r < 0.55 else 1 if r < 0.8 else 2 if r < 0.9 else 3 + int(rng.random() * 7))
                else:
                    last = (_dt.date(y + (m == 12), m % 12 + 1, 1) - _dt.timedelta(days=1)).day
                    when = _dt.date(y, m, min(date.day, last)) + _dt.timedelta(days=int(rng.random() * 4))
                d = (when - win.start).days
                if d >= win.days:
                    break
                previous = (_dt.date.fromisoformat(members[-1][2]) - win.start).days
                if win.month_of[d] == win.month_of[previous]:
                    continue  # must land in a later month than the previous posting
                member = self._post(job, source, d)
                if member is None:
                    continue
                members.append(member)
                self._count(job, d, new_job=False)
                gen.recent[job.key] = max(gen.recent.get(job.key, 0), d + _DUP_WINDOW_DAYS)
            self._group("monthly_repost", job, members, title=job.title)
        # a distinct job that looks alike: same company and title template, another stack
        if job.stack and "{stack}" in job.template and not job.german and rng.random() < _LOOKALIKE_RATE \
                and len(job.family.stacks) > 1:
            d = day + int(rng.random() * (win.week_end[day] - day + 1))
            if self._can(source, d):
                sibling = gen.make(d, source, like=job)
                member = self._post(sibling, source, d)
                if member is not None:
                    self._count(sibling, d, new_job=True)
                    self._group("lookalike", job, [first, member], titles=[job.title, sibling.title],
                                jobs=[job.jid, sibling.jid])
        return True

    def run(self) -> None:
        win, rng = self.win, self.rng
        others = self.gen.other_sources
        cum = self.gen.other_cum
        for day in range(win.days):
            self.today = day
            self.left = {k: self.budget[k][day] - self.sched[k][day] for k in ("other", "hn")}
            failures = 0
            while self.left["hn"] > 0 and failures < 1000:
                failures += 0 if self.spawn(day, "hackernews") else 1
            while self.left["other"] > 0 and others and failures < 1000:
                failures += 0 if self.spawn(day, _pick(rng, others, cum)) else 1
            if failures >= 1000:  # pragma: no cover - a bug, not a data condition
                raise RuntimeError(f"cannot fill day {win.dates[day]}: {self.left}")
            if day % 7 == 6:  # forget titles whose guard has expired
                recent = self.gen.recent
                for key in [k for k, until in recent.items() if until < day]:
                    del recent[key]

    _OBSERVED = ("source", "employment_type", "remote", "seniority", "has_pay", "category_present",
                 "salary_currency", "salary_period", "country", "region")

    def observe(self, rec: dict[str, Any]) -> None:
        """Count what the line says (one tuple key per line; expanded into proportions at the end)."""
        codes, regions, low = rec["country_codes"], rec["regions"], rec["salary_min"]
        key = (rec["source"], rec["employment_type"], rec["remote"], rec["seniority"], low is not None,
               rec["category"] is not None, rec["salary_currency"], rec["salary_period"],
               codes[0] if codes else None, regions[0] if regions else None)
        self.observed_keys[key] = self.observed_keys.get(key, 0) + 1

    def result(self) -> dict[str, Any]:
        """What the shard counted (plain data: it crosses a process boundary and is summed)."""
        return {"lines": dict(self.writer.lines), "lines_week": self.lines_week, "lines_month": self.lines_month,
                "counted_week": self.counted_week, "counted_month": self.counted_month, "tracked": self.tracked,
                "rise": self.rise, "family_week": self.family_week, "distinct": self.distinct,
                "counted": self.counted, "group_counts": self.group_counts, "written": self.written,
                "intended_keys": self.intended_keys, "observed_keys": self.observed_keys,
                "title_collisions": self.gen.title_collisions}


def _merge(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The shards' counts added up."""
    def add(a, b):
        if isinstance(a, dict):
            out = dict(a)
            for k, v in b.items():
                out[k] = add(out[k], v) if k in out else v
            return out
        if isinstance(a, list):
            return [add(x, y) for x, y in zip(a, b)]
        return a + b

    merged = results[0]
    for other in results[1:]:
        merged = add(merged, other)
    return merged


def _proportions(keys: dict[tuple, int], names: tuple[str, ...], skip_without_pay: bool = False) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {k: {} for k in names}
    for key, n in keys.items():
        for name, value in zip(names, key):
            if skip_without_pay and name in ("salary_currency", "salary_period") and not key[4]:
                continue
            bucket = out[name]
            bucket[str(value)] = bucket.get(str(value), 0) + n
    return out


def _truth_head(agg: dict[str, Any], *, postings: int, seed: int, win: _Window,
                sources: tuple[str, ...]) -> dict[str, Any]:
    t = _tables()
    week_starts = [(win.start + _dt.timedelta(days=7 * w)).isoformat() for w in range(win.weeks)]
    planted = {}
    for s, series in agg["tracked"].items():
        if s in TRENDS:
            spec = {k: v for k, v in TRENDS[s].items()}
        elif s in STABLE:
            spec = {"shape": "stable"}
        else:
            spec = {"shape": "untrended"}
        spec["in_taxonomy"] = s in t.skills
        if s in PAY_PREMIUMS:
            spec["pay_premium"] = PAY_PREMIUMS[s]
        spec["counted_per_week"] = series
        planted[s] = spec
    families = {}
    for key, fam in t.families.items():
        families[key] = {
            "label": fam.spec["label"],
            "title_templates": [tpl for tpl, _f, _e, _p in fam.titles],
            "stack_labels": [label for label, _b in fam.stacks],
            "takes_seniority_prefix": {tpl: p for tpl, _f, _e, p in fam.titles},
            "counted_per_week": agg["family_week"][key],
        }
    return {
        "version": TRUTH_VERSION,
        "generator": "crawlers/synth.py",
        "params": {"postings": postings, "seed": seed, "end": win.end.isoformat(), "weeks": win.weeks,
                   "sources": list(sources)},
        "taxonomy_version": t.taxonomy_version,
        "window": {"start": win.start.isoformat(), "end": win.end.isoformat(), "weeks": win.weeks, "days": win.days,
                   "last_week_days": win.days - 7 * (win.weeks - 1), "partial_last_week": win.end.weekday() != 6,
                   "week_starts": week_starts, "months": win.month_keys},
        "counting_rule": ("A counted posting is one job in one period: a new job counts in the week and month of its "
                          "first posting; its cross-board copies and city variants never count again; a monthly "
                          "re-post counts again in its own week and month; a look-alike sibling is a distinct job."),
        "totals": {"lines": sum(agg["lines"].values()), "lines_by_source": agg["lines"],
                   "distinct_jobs": agg["distinct"], "counted_postings": agg["counted"],
                   "copy_groups": agg["group_counts"], "title_collisions": agg["title_collisions"]},
        "per_week": {"lines": agg["lines_week"], "counted": agg["counted_week"]},
        "per_month": {"lines": agg["lines_month"], "counted": agg["counted_month"]},
        "planted_skills": planted,
        "contract_rise": {s: {**CONTRACT_RISE[s], "per_week_with_skill_and_contract": agg["rise"][s]}
                          for s in CONTRACT_RISE},
        "pay_premiums": PAY_PREMIUMS,
        "families": families,
        "title_rules": {
            "seniority_prefixes": sorted({p.strip() for f in FAMILIES.values() for p, _w in f["sen"] if p}),
            "suffixes": ["(Contract)", "(Part-time)", "(Internship)", "Intern", "- 6-month contract", "(City)",
                         "(m/w/d)", ", <Team>"],
            "prefixes": ["Freelance"],
            "teams": list(_TEAMS),
        },
        "proportions": {
            "intended": {"source_share": _SOURCE_SHARE, "hn_share": _HN_SHARE, "pay_rate_by_source": _PAY_RATE,
                         "arrangement_by_source": {k: dict(v) for k, v in _ARRANGEMENT.items()},
                         "remote_geos": {k: v[0] for k, v in _REMOTE_GEOS.items()},
                         "family_weights": {k: f["weight"] for k, f in FAMILIES.items()},
                         "employment_types_by_family": {k: dict(zip(_TYPES, f["types"])) for k, f in FAMILIES.items()},
                         "copy_rates": {"cross_board": _CROSS_BOARD_RATE, "city_variant": _CITY_VARIANT_RATE,
                                        "monthly_repost": {**_REPOST_RATE, "default": _REPOST_DEFAULT},
                                        "lookalike": _LOOKALIKE_RATE}},
            "planted_distinct_jobs": _proportions(agg["intended_keys"], ("employment_type", "arrangement", "family")),
            "observed_lines": _proportions(agg["observed_keys"], _Run._OBSERVED, skip_without_pay=True),
        },
    }


def _run_shard(out_dir: Path, postings: int, seed: int, win: _Window, sources: tuple[str, ...], shard: int,
               budget: dict[str, list[int]], progress: Callable[[int], None] | None) -> dict[str, Any]:
    """Generate one shard into ``.<source>.jsonl.part<shard>`` and ``.truth-groups.part<shard>``."""
    run = _Run(out_dir, postings, seed, win, sources, progress, shard=shard, budget=budget)
    encode = run.writer.dumps

    def encode_and_observe(rec):  # count what each line says; no record is kept
        run.observe(rec)
        return encode(rec)

    run.writer.dumps = encode_and_observe
    try:
        run.run()
    finally:
        run.writer.dumps = encode  # no cycle through the closure: the shard's caches go with it
        run.writer.close()
        run.groups.close()
    return run.result()


def _shard_process(queue, args) -> None:  # pragma: no cover - runs in a forked child
    shard = args[5]
    try:
        result = _run_shard(*args, progress=lambda n: queue.put(("progress", shard, n)))
        queue.put(("done", shard, result))
    except BaseException:  # noqa: BLE001 - the parent re-raises it
        import traceback
        queue.put(("error", shard, traceback.format_exc()))


def _run_parallel(jobs: list[tuple], progress: Callable[[int], None] | None) -> list[dict[str, Any]]:
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_shard_process, args=(queue, args), daemon=True) for args in jobs]
    for p in procs:
        p.start()
    results: dict[int, dict[str, Any]] = {}
    done_lines = [0] * len(jobs)
    try:
        while len(results) < len(jobs):
            kind, shard, payload = queue.get()
            if kind == "progress":
                done_lines[shard] = payload
                if progress:
                    progress(sum(done_lines))
            elif kind == "done":
                results[shard] = payload
            else:
                raise RuntimeError(f"shard {shard} failed:\n{payload}")
    finally:
        for p in procs:
            p.join(timeout=5 if len(results) == len(jobs) else 0)
            if p.is_alive():
                p.kill()
                p.join()
    return [results[k] for k in range(len(jobs))]


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def write_synthetic_corpus(
    out_dir: Path,
    *,
    postings: int,
    seed: int,
    end: _dt.date,
    weeks: int = 104,
    sources: Sequence[str] | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> SynthSummary:
    """Write ``postings`` postings as crawl output files, ``<out_dir>/<source>.jsonl``, and ``truth.json``.

    The postings are published over the ``weeks`` ISO weeks ending with the one that holds ``end``
    (inclusive; that last week is partial unless ``end`` is a Sunday). ``sources`` limits the
    corpus to some of ``SYNTH_SOURCES`` (all by default); every named source gets a file, empty if
    it got nothing. ``progress(n)`` is called with the lines written so far (every 10,000 and at
    the end). Files appear only when complete (written as ``.<name>.part<k>`` and renamed).

    The corpus is generated as two independent shards; ``workers`` (default: 2 from 50,000
    postings on a machine with two or more CPUs, else 1) runs them in parallel processes or one
    after the other. The files are byte-identical either way: deterministic for the arguments.
    """
    started = time.perf_counter()
    if isinstance(end, _dt.datetime):
        end = end.date()
    if not isinstance(end, _dt.date):
        raise TypeError("end must be a date")
    if postings < 0:
        raise ValueError("postings must be >= 0")
    if weeks < 1:
        raise ValueError("weeks must be >= 1")
    chosen = tuple(SYNTH_SOURCES if sources is None else dict.fromkeys(sources))
    unknown = [s for s in chosen if s not in SYNTH_SOURCES]
    if unknown or not chosen:
        raise ValueError(f"unknown sources {unknown}; choose from {', '.join(SYNTH_SOURCES)}")
    chosen = tuple(s for s in SYNTH_SOURCES if s in chosen)
    if workers is None:
        workers = 2 if postings >= 50_000 and (os.cpu_count() or 1) >= 2 else 1
    parallel = workers > 1 and _can_fork()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    win = _window(end, weeks)
    _tables()  # built before any fork, shared by the shards
    budgets = _budgets(win, postings, seed, chosen)
    jobs = [(out_dir, postings, seed, win, chosen, k, budgets[k]) for k in range(_SHARDS)]
    partials = [out_dir / f".{s}.jsonl.part{k}" for s in chosen for k in range(_SHARDS)] + \
               [out_dir / f".truth-groups.part{k}" for k in range(_SHARDS)]
    try:
        if parallel:
            results = _run_parallel(jobs, progress)
        else:
            results = []
            for args in jobs:
                base = sum(r["written"] for r in results)
                results.append(_run_shard(*args, progress=(lambda n, base=base: progress(base + n)) if progress else None))
        agg = _merge(results)
        files: dict[str, str] = {}
        sizes: dict[str, int] = {}
        for source in chosen:  # the shards' parts, in order, make the file
            final = out_dir / f"{source}.jsonl"
            first = out_dir / f".{source}.jsonl.part0"
            with open(first, "ab") as fh:
                for k in range(1, _SHARDS):
                    part = out_dir / f".{source}.jsonl.part{k}"
                    with open(part, "rb") as src:
                        shutil.copyfileobj(src, fh, 16 << 20)
                    part.unlink()
            os.replace(first, final)
            files[source] = str(final)
            sizes[source] = final.stat().st_size
        head = _truth_head(agg, postings=postings, seed=seed, win=win, sources=chosen)
        truth_path = out_dir / "truth.json"
        tmp = out_dir / ".truth.json.partial"
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            text = json.dumps(head, ensure_ascii=False, indent=1)
            fh.write(text[:-2] + ',\n "copy_groups": [\n')
            first_group = True
            for k in range(_SHARDS):
                with open(out_dir / f".truth-groups.part{k}", encoding="utf-8") as groups:
                    for line in groups:
                        fh.write(("" if first_group else ",\n") + "  " + line.rstrip("\n"))
                        first_group = False
            fh.write("\n ]\n}\n")
        os.replace(tmp, truth_path)
    except BaseException:
        for path in partials + [out_dir / ".truth.json.partial"]:
            path.unlink(missing_ok=True)
        raise
    for k in range(_SHARDS):
        (out_dir / f".truth-groups.part{k}").unlink(missing_ok=True)
    if progress:
        progress(agg["written"])
    return SynthSummary(out_dir=str(out_dir), postings=agg["written"], distinct_jobs=agg["distinct"],
                        counted_postings=agg["counted"], lines=dict(agg["lines"]), bytes=sizes, files=files,
                        copy_groups=dict(agg["group_counts"]), truth=str(truth_path),
                        seconds=round(time.perf_counter() - started, 3), start=win.start.isoformat(),
                        end=win.end.isoformat(), weeks=win.weeks, title_collisions=agg["title_collisions"],
                        workers=_SHARDS if parallel else 1)


# --------------------------------------------------------------------------------------------
# Titles -> families (what the title templates were written for)
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _title_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for key, fam in _tables().families.items():
        for template, _f, _e, _p in fam.titles:
            labels = [label for label, _b in fam.stacks] if "{stack}" in template else [""]
            for label in labels:
                title = template.replace("{stack}", label)
                other = index.setdefault(title.lower(), key)
                if other != key:
                    raise ValueError(f"title {title!r} is a template of both {other} and {key}")
    return index


_TITLE_SUFFIX = re.compile(r"\s*(?:\((?:Contract|Part-time|Internship|m/w/d)\)|- 6-month contract|Intern|"
                           r"\([^()]+\)$|,\s*[A-Z][a-z]+)$")


def family_of_title(title: str) -> str | None:
    """The family a synthetic title was written for, or None when it is no template of this generator.

    Seniority prefixes ("Senior ", "Freelance "), suffixes ("(Contract)", "(Berlin)", ", Payments")
    are taken off in any order until a template (with its stack filled in) is left."""
    index = _title_index()
    prefixes = sorted({p for f in FAMILIES.values() for p, _w in f["sen"] if p} | {"Freelance "}, key=len, reverse=True)
    frontier = [title.strip()]
    seen: set[str] = set()
    for _ in range(5):
        following = []
        for text in frontier:
            if text in seen:
                continue
            seen.add(text)
            family = index.get(text.lower())
            if family is not None:
                return family
            stripped = _TITLE_SUFFIX.sub("", text).strip()
            if stripped != text:
                following.append(stripped)
            following.extend(text[len(p):] for p in prefixes if text.startswith(p))
        frontier = following
    return None
