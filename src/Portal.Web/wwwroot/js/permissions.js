// The permission editor warns while AWS account viewer/editor is granted without Project viewer (SPEC F3).
(function () {
  document.querySelectorAll('[data-permission-editor]').forEach(function (editor) {
    var warning = editor.querySelector('[data-account-warning]');
    function update() {
      var checked = function (value) {
        var box = editor.querySelector('input[value="' + value + '"]');
        return box && box.checked;
      };
      var needs = (checked('AccountViewer') || checked('AccountEditor')) && !checked('ProjectViewer');
      warning.classList.toggle('d-none', !needs);
    }
    editor.addEventListener('change', update);
    update();
  });
})();
