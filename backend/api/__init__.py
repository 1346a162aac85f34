"""HTTP blueprints. Views only parse, authorize, call a service and serialize."""
