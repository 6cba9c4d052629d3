"""Writes for committees and meetings, one module per concern: the standing committees
(committees), their seats (members), meetings known from the public record (history),
meetings and their status (meetings), attendance, the agenda and its recusals (agenda),
resolutions, the release of a meeting's results (release), and minutes."""
