// The progress page of a background job: every two seconds its status is read and the
// bar and the step move; when the job has finished, the page it ended on is opened (an
// import's review, a plan's issues), or the page is loaded again and shows the download
// link or the error. Without this script the page refreshes itself.
const job = document.querySelector("[data-job-status-url]");
if (job) {
  const field = (name) => job.querySelector(`[data-job-field="${name}"]`);
  const poll = async () => {
    let status;
    try {
      const response = await fetch(job.dataset.jobStatusUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(String(response.status));
      status = await response.json();
    } catch (error) {
      window.setTimeout(poll, 5000); // the server did not answer: try again a bit later
      return;
    }
    if (status.finished && status.result_url) {
      window.location.assign(status.result_url);
      return;
    }
    if (status.finished) {
      window.location.reload();
      return;
    }
    field("status").textContent = status.status_label;
    field("status").className = `status status--job-${status.status}`;
    if (status.step) field("step").textContent = status.step;
    field("percent").value = status.percent;
    field("percent").textContent = `${status.percent}%`;
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
}
