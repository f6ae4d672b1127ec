"""The city's craft-village tour routes: curated day routes, each plannable and bookable."""
