"""Forms of proposals: the proponent's sections (sections) and the secretariat's screening
queue, screening and due dates (secretariat)."""
