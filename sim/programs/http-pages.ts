/**
 * What the built-in web servers send: nginx's default welcome page and error pages, and
 * Python http.server's directory listing, byte for byte as the real servers produce them.
 */

/** nginx's /usr/share/nginx/html/index.html (615 bytes). */
export const NGINX_INDEX =
  '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\n' +
  'html { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\n' +
  'font-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n' +
  '<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\n' +
  'working. Further configuration is required.</p>\n\n' +
  '<p>For online documentation and support please refer to\n<a href="http://nginx.org/">nginx.org</a>.<br/>\n' +
  'Commercial support is available at\n<a href="http://nginx.com/">nginx.com</a>.</p>\n\n' +
  '<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n';

/** nginx's built-in error page for a status (ngx_http_special_response.c). */
export function nginxErrorPage(status: number, reason: string, banner: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>${banner}</center>\r\n</body>\r\n</html>\r\n`;
}

/** http.server's listing of a directory with `names` (SimpleHTTPRequestHandler.list_directory). */
export function pythonListing(path: string, names: string[]): string {
  const items = names.map((n) => `<li><a href="${encodeURI(n)}">${n}</a></li>\n`).join('');
  return (
    '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<title>Directory listing for ${path}</title>\n</head>\n<body>\n<h1>Directory listing for ${path}</h1>\n<hr>\n<ul>\n` +
    items +
    '</ul>\n<hr>\n</body>\n</html>\n'
  );
}

/** http.server's error page (BaseHTTPRequestHandler.error_message_format). */
export function pythonErrorPage(status: number, reason: string, explain: string): string {
  return (
    '<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n' +
    '        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n' +
    `        <p>Error code: ${status}</p>\n        <p>Message: ${reason}.</p>\n` +
    `        <p>Error code explanation: ${status} - ${explain}.</p>\n    </body>\n</html>\n`
  );
}
