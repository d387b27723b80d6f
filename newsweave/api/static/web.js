// newsweave web UI: a highlighted name in an article opens its entity page.
// (Served as a file: the Content-Security-Policy allows no inline script.)
document.addEventListener("click", (event) => {
  const mark = event.target.closest("mark[data-entity]");
  if (mark && !window.getSelection().toString()) {
    window.location.href = "/entities/" + encodeURIComponent(mark.dataset.entity);
  }
});
