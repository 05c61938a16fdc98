"""Let go of closed sessions once nobody can come back to them.

Streamlit keeps a closed session for `server.disconnectedSessionTTL` seconds
(120 by default), so that a student whose connection drops returns to their
drawing and their model. When that time is up, Streamlit 1.67 only forgets
the session lazily, the next time another session disconnects, and never
shuts it down: at the end of a lesson the last sessions' models, training
jobs and uploaded files would stay in the server's memory until it stops.

One housekeeping thread per server asks the store of closed sessions to
drop the expired ones, shuts each of them down (which also frees its
uploads), lets the garbage collector take what they held and hands the
freed memory back to the system. The store can also drop a session on its
own (lazily, or when it is full); housekeeping listens for every removal
and shuts down, on its next round, each removed session that did not come
back as an active one. The store is an internal of Streamlit's; if a later
version moves it, housekeeping logs that once and does nothing, and the app
works as before.
"""

import ctypes
import gc
import os
import threading
import time

from streamlit.logger import get_logger

# seconds between two looks at the store; LENET_HOUSEKEEPING_S changes it
INTERVAL = float(os.environ.get("LENET_HOUSEKEEPING_S", 15))

_log = get_logger(__name__)  # Streamlit's handler: lines go to the server log


# sessions the store has let go of, waiting for a later round:
# [(time, session id, SessionInfo)]; list.append is atomic
_removed = []
SETTLE_S = 1.0  # a removed session is judged after this long


def _note_removal(chained):
    def on_remove(session_id, info):
        _removed.append((time.monotonic(), session_id, info))
        if chained is not None:
            chained(session_id, info)
    on_remove.lenet_housekeeping = True
    return on_remove


def _closed_sessions():
    """(manager, store, lock) of Streamlit's closed sessions, or None."""
    from streamlit import runtime

    if not runtime.exists():
        return None
    manager = getattr(runtime.get_instance(), "_session_mgr", None)
    storage = getattr(manager, "_session_storage", None)
    store = getattr(storage, "_cache", None)
    lock = getattr(manager, "_storage_lock", None)
    if (not hasattr(store, "expire") or not hasattr(store, "_on_remove")
            or lock is None or not hasattr(manager, "is_active_session")):
        return None
    with lock:
        if not getattr(store._on_remove, "lenet_housekeeping", False):
            store._on_remove = _note_removal(store._on_remove)
    return manager, store, lock


def _give_back_to_os():
    # glibc keeps freed memory for reuse; malloc_trim returns what it can.
    # CDLL(None) is the running process, C library included; elsewhere
    # (musl, macOS) there is no malloc_trim and nothing is done
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)


def release_expired():
    """Shut down closed sessions past their time to live, and those the
    store dropped by itself since the last round; return how many."""
    found = _closed_sessions()
    if found is None:
        return 0
    manager, store, lock = found
    with lock:  # the session manager writes the store under this lock
        expired = {sid for sid, _ in store.expire()}
    # a session Streamlit took out of the store because its student came
    # back is active again a moment later: it stays
    settled = time.monotonic() - SETTLE_S
    ready = [r for r in list(_removed) if r[1] in expired or r[0] <= settled]
    for r in ready:
        _removed.remove(r)
    gone = [info for _, sid, info in ready if not manager.is_active_session(sid)]
    for info in gone:
        try:
            info.session.shutdown()
        except Exception:  # one broken session must not stop the others
            _log.exception("shutting down an expired session failed")
    if gone:
        _log.info("released %d closed session(s)", len(gone))
    return len(gone)


class Housekeeper:
    """A daemon thread calling release_expired() every INTERVAL seconds."""

    def __init__(self, interval=INTERVAL):
        self.interval = interval
        self.released = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="lenet-housekeeping", daemon=True)
        self._thread.start()

    def _run(self):
        from streamlit import runtime

        if runtime.exists() and _closed_sessions() is None:
            _log.warning("closed sessions cannot be found in this Streamlit; "
                         "their memory is freed only when Streamlit does it")
        sweeps = 0  # rounds left that collect and hand memory back
        while not self._stop.wait(self.interval):
            try:
                n = release_expired()
                self.released += n
                # A session shut down in this round lets go of its last
                # objects later, when its script thread has ended and the
                # event loop has dropped it; they are mostly cycles. The
                # app turns off Streamlit's collection after each script
                # run, and an idle server allocates too little for Python
                # to collect on its own, so they would stay: collect again
                # in the next round as well.
                sweeps = 2 if n else sweeps
                if sweeps:
                    gc.collect()
                    _give_back_to_os()
                    sweeps -= 1
            except Exception:
                _log.exception("housekeeping failed; trying again later")

    def stop(self):
        self._stop.set()
        self._thread.join()
