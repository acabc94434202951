"""Work for a request, run in the query pool under the endpoint's time limit.

Shared by the SPARQL endpoint (``app``) and the pages (``pages``): the work is killed at the
limit, or as soon as the client goes away, and every way it can end is one plain answer.
"""

from __future__ import annotations

import asyncio
import contextlib

from starlette.requests import Request
from starlette.responses import PlainTextResponse

from diplomap.graph.serve.pool import PoolBusy, QueryTimeout, WorkerCrashed


def problem(status: int, message: str, headers: dict | None = None) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip() + "\n", status, headers=headers)


async def in_worker(request: Request, job):
    """Run a Job or Call in the pool under the time limit; a Response when it did not finish.

    The work is cancelled (its worker killed) when the client goes away before the answer.
    """
    state = request.app.state.diplomap
    work = asyncio.ensure_future(state.pool.run(job, state.timeout))
    try:
        while True:
            done, _ = await asyncio.wait({work}, timeout=0.25)
            if done:
                return work.result()
            if await request.is_disconnected():
                work.cancel()
                with contextlib.suppress(BaseException):
                    await work
                return problem(499, "client closed the request")
    except QueryTimeout as exc:
        if exc.retry_after is not None:
            return problem(503, f"all query workers are busy with long queries, and this one needed "
                                f"more than the {exc.limit:g} s the reserve worker gives; try again later",
                           {"Retry-After": str(exc.retry_after)})
        return problem(503, f"query stopped: it ran longer than the {state.timeout:g} s time limit "
                            "of this endpoint; narrow it down or add a LIMIT")
    except PoolBusy as exc:
        return problem(503, f"all {state.pool.size} query workers stayed busy for {state.timeout:g} s; "
                            "try again later", {"Retry-After": str(exc.retry_after)})
    except WorkerCrashed:
        return problem(500, "the query worker died while running this request")
