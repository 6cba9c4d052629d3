"""Writes for certified areas, one module per concern: issuing a certificate (`issuing`),
its status (`status`: suspension, reinstatement, revocation, by one table), numbers
(`numbering`), batches and their logo ceremonies (`batches`), the record of areas
certified before the platform (`history`), and the refusal they raise (`errors`)."""
