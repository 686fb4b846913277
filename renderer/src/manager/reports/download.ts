/**
 * Saves text as a file the way a browser does: a Blob behind a temporary link with a download name.
 * In the browser host the browser's download shelf takes it; in Electron the download goes to the
 * session's default handling (a Save dialog), since a download is not a navigation and the app's
 * navigation guards leave it alone.
 */
export function saveTextFile(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start reading the Blob before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
