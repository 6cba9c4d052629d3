"""Reading a file of areas certified before the platform: the programme's public record
(`load_certified_areas`) and the batches the secretariat uploads (secretariat/history/).

One reader and one validation for both, so the command and the upload accept the same
file and refuse it for the same reasons. Nothing here writes: the records it returns are
applied by `services.history.record_certified_areas()`, which checks them again inside its
transaction. Every problem names its row (the spreadsheet's row number, the header is
row 1), its column as written in the file, and what is wrong, in the reader's language.

- `columns`: the file's columns and the empty template;
- `reading`: the bytes decoded, the header and the rows read (`decode`, `read`);
- `rows`: each row checked on its own and against the other rows;
- `database`: the rows checked against what the platform already holds;
- `records`: what a checked row becomes (`AreaRecord`) and how it waits in a session;
- `problems`: one thing wrong, named by row and column;
- `preview`: the rows and meetings as they will be recorded.
"""
