"""SCIM 2.0 provisioning (RFC 7643/7644): an identity provider keeps the people directory.

``tokens`` authenticates the provider; ``users`` and ``groups`` map SCIM resources onto
the directory; ``filters`` and ``patch`` read what providers send.
"""
