"""Partner tokens: the secretariat issues a token to an agency (the BOI, a ministry) whose
systems read /api/v1/ with it; every request made with a token is logged."""
