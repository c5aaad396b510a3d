// SINOP's small additions to htmx: swap validation responses, show errors as toasts, show upload
// progress, check file sizes before uploading, and keep plain forms from being sent twice.
(function () {
  "use strict";

  // Every response is swapped: the server sends form fragments with 422/413/409, and for other
  // errors it retargets a short message into #toasts with HX-Retarget.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "...", swap: true }
  ];

  function toast(message) {
    var box = document.getElementById("toasts");
    if (!box) { return; }
    var item = document.createElement("div");
    item.className = "toast toast-error";
    item.setAttribute("role", "alert");
    item.textContent = message;
    box.appendChild(item);
    setTimeout(function () { item.remove(); }, 8000);
  }

  document.addEventListener("htmx:sendError", function () {
    toast("Tidak dapat terhubung ke server. Periksa jaringan lalu coba lagi.");
  });
  document.addEventListener("htmx:timeout", function () {
    toast("Server terlalu lama menjawab. Coba lagi.");
  });

  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest("form");
    var bar = form && form.querySelector("progress");
    if (!bar || !event.detail.lengthComputable) { return; }
    bar.hidden = false;
    bar.value = Math.round(event.detail.loaded * 100 / event.detail.total);
  });

  function tooLarge(input) {
    var max = parseInt(input.dataset.maxBytes || "0", 10);
    if (!max || !input.files) { return null; }
    for (var i = 0; i < input.files.length; i++) {
      if (input.files[i].size > max) {
        return "Ukuran berkas " + (input.files[i].size / 1048576).toFixed(1).replace(".", ",") +
          " MB melebihi batas " + (max / 1048576).toFixed(0) + " MB.";
      }
    }
    return null;
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "file") { return; }
    var message = tooLarge(input);
    input.setCustomValidity(message || "");
    if (message) { input.reportValidity(); }
  });

  // Plain (non-htmx) forms: disable the submit buttons once sent, so a double click sends once.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (["hx-post", "hx-put", "hx-delete", "hx-boost"].some(function (a) { return form.hasAttribute(a); })) { return; }
    setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (b) { b.disabled = true; });
    }, 0);
  });
})();
