"""A Virtuoso 7 server of its own for tests and benchmarks: loopback ports, a temporary
database, stopped by its process id."""
import os
import shutil
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Virtuoso:
    """A Virtuoso server of its own: loopback ports, a database in `folder`, files readable
    from `allowed`; stopped by its process id."""

    def __init__(self, folder, allowed, buffers=20000):
        self.sql_port, self.http_port = free_port(), free_port()
        db = os.path.join(folder, "db")
        os.makedirs(db)
        ini = os.path.join(folder, "virtuoso.ini")
        with open(ini, "w", encoding="utf-8") as f:
            f.write(f"""[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{self.sql_port}
DirsAllowed = {allowed}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {buffers * 3 // 4}
[HTTPServer]
ServerPort = 127.0.0.1:{self.http_port}
ServerRoot = {db}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 600
""")
        self.log = open(os.path.join(folder, "server.log"), "w")
        self.process = subprocess.Popen([shutil.which("virtuoso-t"), "+configfile", ini, "+foreground"], cwd=db,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"virtuoso-t ended with {self.process.returncode}: "
                                 f"{open(self.log.name).read()[-2000:]}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.http_port)) == 0:
                    break
            time.sleep(0.2)
        else:
            self.stop()
            raise SystemExit("virtuoso-t did not start within 120 s")
        self.url = f"http://127.0.0.1:{self.http_port}/sparql"

    def stop(self):
        self.process.terminate()  # by its process id, the one we started
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
