"""Tour operators: tour products, departures, guides and vehicles, manifests, reports."""
