"""The Atom format of the public news feeds: Django's, with each post's full text."""

from django.utils.feedgenerator import Atom1Feed


class NewsAtomFeed(Atom1Feed):
    """Atom 1.0 with a `content` element (escaped HTML) after each entry's summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})
