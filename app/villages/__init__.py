"""The village handbook: villages, crafts, products, search, CSV import/export, maps."""
