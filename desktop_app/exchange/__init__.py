"""Files that travel between teacher and students: the student pack (.ledepack) and the submission (.ledesub)."""
