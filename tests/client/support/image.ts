// An imported image (client/assets/*.png) is its URL in the build; here, a stand-in name.
export default 'image.png'
