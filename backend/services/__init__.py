"""Services: validate, then act inside one transaction. Views call these; they call models."""
