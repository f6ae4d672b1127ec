"""Workshop experiences, their bookable slots, weekly rules and closed dates."""
