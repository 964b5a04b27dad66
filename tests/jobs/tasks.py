"""Jobs used by the tests of the job API: the worker imports them by their path, as it
imports an app's tasks."""

from jobs.running import JobFailed, JobRun, job


@job
def write_text(run: JobRun, text: str, steps: int = 2) -> None:
    for done in range(1, steps + 1):
        run.progress(f"Đang ghi phần {done}/{steps}", done * 100 // (steps + 1))
    run.finish_file("ghi-chu.txt", text.encode("utf-8"), "text/plain; charset=utf-8")


@job
def open_page(run: JobRun, url: str) -> None:
    run.finish_redirect(url)


@job
def refuse(run: JobRun, message: str) -> None:
    run.progress("Đang kiểm tra", 10)
    raise JobFailed(message)


@job
def crash(run: JobRun) -> None:
    run.progress("Đang tính", 10)
    {}["no such key"]  # noqa: B018


@job
def forget_to_finish(run: JobRun) -> None:
    run.progress("Đang tính", 10)
