"""Single sign-on with OpenID Connect: configuration, the protocol, and sign-in."""
