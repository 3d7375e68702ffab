"""Trust: pages and logins that customers can trust, and that keep their data to themselves.
HTTPS, mixed content, HSTS, login forms, password autofill, security headers and session
cookies. `web.py` holds what several of these checks share: secure contexts, the site a host
belongs to, header parsing and the password fields of a page."""
