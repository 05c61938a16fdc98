"""A small client of Streamlit's own websocket protocol, for load tests.

A browser tab and `streamlit run` talk over one websocket at
/_stcore/stream. The tab sends BackMsgs: a rerun request carries the page
to run and the values of the page's widgets. The server answers with
ForwardMsgs: new_session when a run starts, a delta for every element the
script draws, script_finished when the run ends. This client speaks that
protocol with no browser, so that one process can play many users and time
the server's answers alone.

    session = Session("http://127.0.0.1:8501/")
    page = await session.open()                 # the default page
    page = await session.click("some_button")   # a button, by its key
    await session.close()

Written against Streamlit 1.67; each NOTE names an internal it relies on.
"""

import asyncio
import time

from websockets.asyncio.client import connect

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROUTE = "_stcore/stream"
# NOTE: the frontend offers the subprotocol "streamlit", then its XSRF
# token (this placeholder when it has none), then, on a reconnect, the old
# session id; the server reads these positions
SUBPROTOCOLS = ["streamlit", "PLACEHOLDER_AUTH_TOKEN"]
MAX_MESSAGE = 64 << 20  # a delta can be large (a plotly figure)
# how a request's last run ends; FINISHED_EARLY_FOR_RERUN only hands over
# to the next run of the same request (st.rerun, st.switch_page)
LAST_RUN = (ForwardMsg.FINISHED_SUCCESSFULLY,
            ForwardMsg.FINISHED_WITH_COMPILE_ERROR)
MAIN = 0  # the root container of the page; 1 is the sidebar


class ProtocolError(Exception):
    """The server's messages did not say what this client expected."""


def user_key(widget_id):
    """The key a widget was given in the script, or None.

    NOTE: Streamlit makes a widget's id "$$ID-<hash>-<key>" ("None" for no
    key); the frontend reads keys the same way for its st-key-* classes.
    """
    parts = widget_id.split("-", 2)
    if len(parts) < 3 or parts[2] == "None":
        return None
    return parts[2]


class Page:
    """What one request made the server show: the elements of its last run.

    elements: {delta path (tuple): Element proto}, in the order sent.
    seconds: from sending the request to its last run's script_finished.
    """

    def __init__(self):
        self.elements = {}
        self.seconds = None

    def find(self, kind):
        """The protos of every element of one type ("metric", "button"...)."""
        return [getattr(e, kind) for e in self.elements.values()
                if e.WhichOneof("type") == kind]

    def widget(self, key, kind=None):
        """The proto of the widget with this key (and type), or None."""
        for e in self.elements.values():
            kind_here = e.WhichOneof("type")
            if kind is not None and kind_here != kind:
                continue
            proto = getattr(e, kind_here)
            if user_key(getattr(proto, "id", "") or "") == key:
                return proto
        return None

    def widget_ids(self, main_only=False):
        """Ids of the widgets shown (main_only: not those in the sidebar)."""
        ids = set()
        for path, e in self.elements.items():
            if main_only and path[0] != MAIN:
                continue
            proto = getattr(e, e.WhichOneof("type"))
            if getattr(proto, "id", ""):
                ids.add(proto.id)
        return ids

    def exceptions(self):
        """The messages of the exceptions the script showed."""
        return [f"{x.type}: {x.message}" for x in self.find("exception")]


class MessageCache:
    """The frontend's cache of large deltas, which the server may then send
    as a reference (ForwardMsg.ref_hash) instead of sending them again.

    NOTE: as the frontend does: a delta marked cacheable is kept; each rerun
    request lists the hashes kept; a full run's end expires those not used
    in the last max_age runs (new_session's config.max_cached_message_age).
    """

    def __init__(self):
        self.messages = {}  # hash -> [serialized ForwardMsg, run count]
        self.runs = 0
        self.max_age = 2
        self.refs = 0  # references resolved

    def hashes(self):
        return list(self.messages)

    def resolve(self, msg, raw):
        """The message itself, or the cached one a reference stands for."""
        if msg.WhichOneof("type") == "ref_hash":
            kept = self.messages.get(msg.ref_hash)
            if kept is None:
                raise ProtocolError(f"no cached message {msg.ref_hash}")
            kept[1] = self.runs
            self.refs += 1
            full = ForwardMsg.FromString(kept[0])
            full.metadata.CopyFrom(msg.metadata)
            return full
        if msg.metadata.cacheable and msg.hash:
            self.messages.setdefault(msg.hash, [raw, self.runs])[1] = self.runs
        return msg

    def run_finished(self):
        self.runs += 1
        self.messages = {h: kept for h, kept in self.messages.items()
                         if self.runs - kept[1] <= self.max_age}


class Session:
    """One browser tab's session of a Streamlit app, without the browser.

    The widgets' values this client set are kept and sent with every rerun
    of the page they are on, as the frontend does; widgets it never set
    keep, on the server, the values the script gave them. Waits for a
    request's runs to finish; every wait gives up after `timeout` seconds
    with TimeoutError.
    """

    def __init__(self, base, timeout=60.0):
        self.base = base.rstrip("/") + "/"
        self.timeout = timeout
        self.pages = {}  # url path ("" for the default page) -> script hash
        self.page_hash = ""  # the page on screen; "" before the first run
        self.url_path = ""  # its address, after the app's own
        self.session_id = None
        self.page = Page()
        self._values = {}  # widget id -> WidgetState this client set
        self._cache = MessageCache()
        self._inbox = asyncio.Queue()  # (arrival time, ForwardMsg)
        self._ws = self._reader = None

    @property
    def cache_refs(self):
        """How many messages came as a reference to this client's cache."""
        return self._cache.refs

    async def open(self, path=""):
        """Connect and run the page at url `path` ("" the default): what a
        tab does when it opens the app. Returns the Page."""
        url = "ws" + self.base[len("http"):] + ROUTE
        self._ws = await connect(url, subprotocols=SUBPROTOCOLS,
                                 origin=self.base.rstrip("/"), proxy=None,
                                 max_size=MAX_MESSAGE, open_timeout=self.timeout)
        self._reader = asyncio.create_task(self._read())
        self.url_path = path
        return await self._request(page_name=path)

    async def close(self):
        """Close the websocket: for the server, the tab is gone."""
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            try:
                await self._reader
            except (asyncio.CancelledError, Exception):
                pass

    async def goto(self, path):
        """Open the page at url `path` ("" the default), as the navigation
        menu does. Returns the Page."""
        if path not in self.pages:
            raise ProtocolError(f"no page {path!r} in the navigation: "
                                f"{sorted(self.pages)}")
        # the frontend keeps only the values of widgets outside the page
        on_page = self.page.widget_ids(main_only=True)
        self._values = {i: v for i, v in self._values.items()
                        if i not in on_page}
        self.url_path = path
        return await self._request(page_hash=self.pages[path])

    async def click(self, key):
        """Press the button with this key. Returns the Page."""
        button = self.page.widget(key, "button")
        if button is None:
            raise ProtocolError(f"no button {key!r} on the page")
        if button.disabled:
            raise ProtocolError(f"button {key!r} is disabled")
        trigger = WidgetState(id=button.id, trigger_value=True)
        return await self._request(page_hash=self.page_hash, extra=[trigger])

    async def set_json(self, widget_id, text):
        """Give a widget a JSON value (a component's state). Returns the
        Page."""
        self._values[widget_id] = WidgetState(id=widget_id, json_value=text)
        return await self._request(page_hash=self.page_hash)

    # the wire

    async def _read(self):
        """Take every ForwardMsg off the socket as it comes (the server
        drops a client whose queue of unsent messages fills up); the last
        item in the inbox is the error that ended the reading."""
        try:
            async for raw in self._ws:
                arrived = time.perf_counter()
                msg = self._cache.resolve(ForwardMsg.FromString(raw), raw)
                kind = msg.WhichOneof("type")
                if kind == "new_session":
                    self._cache.max_age = (
                        msg.new_session.config.max_cached_message_age or 2)
                elif kind == "script_finished" and (
                        msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
                        and not msg.metadata.run.fragment_ids):
                    self._cache.run_finished()
                self._inbox.put_nowait((arrived, msg))
            raise ProtocolError("the server closed the websocket")
        except Exception as e:  # a closed socket, a message not understood
            self._inbox.put_nowait((time.perf_counter(), e))

    def _unread(self, arrived, msg):
        """A message from the inbox, or the reader's error raised."""
        if isinstance(msg, Exception):
            self._inbox.put_nowait((arrived, msg))  # for the next request too
            raise msg
        return msg

    async def _request(self, page_hash="", page_name="", extra=()):
        """Send one rerun request and collect what it shows."""
        while not self._inbox.empty():  # what came after the last request
            self._unread(*self._inbox.get_nowait())
        back = BackMsg()
        state = back.rerun_script
        state.query_string = ""
        state.page_script_hash = page_hash
        state.page_name = page_name
        state.widget_states.widgets.extend(list(self._values.values()))
        state.widget_states.widgets.extend(extra)
        state.cached_message_hashes.extend(self._cache.hashes())
        info = state.context_info
        info.timezone, info.timezone_offset = "UTC", 0
        info.locale, info.url = "en-US", self.base + self.url_path
        info.is_embedded, info.color_scheme = False, "light"
        sent = time.perf_counter()
        await self._ws.send(back.SerializeToString())
        page = await self._collect(sent)
        # the frontend forgets values of widgets that are gone
        shown = page.widget_ids()
        self._values = {i: v for i, v in self._values.items() if i in shown}
        self.page = page
        return page

    async def _collect(self, sent):
        """Messages up to the script_finished that ends the request."""
        deadline = sent + self.timeout
        page = None  # a run's messages count from its new_session on
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no end of the run after {self.timeout} s")
            try:
                arrived, msg = await asyncio.wait_for(self._inbox.get(), left)
            except asyncio.TimeoutError:
                raise TimeoutError(
                    f"no end of the run after {self.timeout} s") from None
            kind = self._unread(arrived, msg).WhichOneof("type")
            if kind == "new_session":
                page = Page()
                if msg.new_session.initialize.session_id:
                    self.session_id = msg.new_session.initialize.session_id
            elif kind == "navigation":
                self._learn_pages(msg.navigation)
            elif kind == "page_not_found":
                raise ProtocolError(f"page not found: {msg.page_not_found}")
            elif page is None:
                continue
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                page.elements[tuple(msg.metadata.delta_path)] = msg.delta.new_element
            elif kind == "script_finished" and msg.script_finished in LAST_RUN:
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ProtocolError("the script did not compile")
                page.seconds = arrived - sent
                return page

    def _learn_pages(self, nav):
        """Url paths of the pages st.navigation offers ("" is the default),
        and the page it chose to run, which the next request names."""
        if nav.page_script_hash:
            self.page_hash = nav.page_script_hash
        for p in nav.app_pages:
            self.pages[p.url_pathname] = p.page_script_hash
            if p.is_default:
                self.pages[""] = p.page_script_hash
