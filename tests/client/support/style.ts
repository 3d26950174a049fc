// Stylesheets do not run in jsdom; class names are enough for the tests.
export default {}
