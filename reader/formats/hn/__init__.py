"""Hacker News, as three APIs give a thread: Algolia's nested item, HNPWA's
nested item, and Firebase's flat items; `site` holds what they share."""
