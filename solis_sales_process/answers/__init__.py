"""The answers of the sales process, declared once (see ``catalogue``)."""
