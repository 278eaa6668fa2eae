"""Every write of the clubs area: clubs, memberships, threads and replies, resources, events."""
