"""Hacker News, as three APIs give a thread: Algolia's nested item, HNPWA's
nested item, and Firebase's flat items; and as Algolia's search gives a list of
stories (`search`). `site` holds what they share."""
