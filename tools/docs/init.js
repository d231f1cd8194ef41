// Swagger UI over the server's own OpenAPI document. A file of its own: the page's
// Content-Security-Policy allows no inline script.
window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    docExpansion: "none",
    filter: true,
    displayOperationId: true,
    // Same-origin calls carry the console's session cookie; a token goes in "Authorize".
    withCredentials: true,
  });
});
